"use client";
import { useActionState } from "react";
import type { ForgotPasswordState } from "@/lib/members/forgot-password";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Action = (previous: ForgotPasswordState, data: FormData) => Promise<ForgotPasswordState>;

export function ForgotPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { fields: {}, email: "" });
  if (state.sent) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">Enter the email address you sign in with, and we'll send you a link to choose a new password.</p>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.email} error={state.fields.email} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
