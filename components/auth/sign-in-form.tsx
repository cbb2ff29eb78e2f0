"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type State = { message?: string; fields: Partial<Record<"email" | "password", string>>; email: string };

export function SignInForm({ action, next }: { action: (s: State, d: FormData) => Promise<State>; next: string }) {
  const [state, formAction, pending] = useActionState(action, { fields: {}, email: "" });
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.email} error={state.fields.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={state.fields.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
