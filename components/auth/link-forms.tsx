"use client";
import { useActionState } from "react";
import type { LinkFormState } from "@/lib/members/links.actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Action = (previous: LinkFormState, data: FormData) => Promise<LinkFormState>;
const initial: LinkFormState = { fields: {} };

function PasswordFields({ state }: { state: LinkFormState }) {
  return (
    <>
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. A few unrelated words work well."
        error={state.fields.password}
      />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" error={state.fields.confirm} />
    </>
  );
}

export function NewAccountForm({ action, token, email }: { action: Action; token: string; email: string }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field label="Email" name="email-shown" value={email} readOnly autoComplete="username" />
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.name} error={state.fields.name} />
      <PasswordFields state={state} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}

export function AcceptAsMemberForm({ action, token, label }: { action: Action; token: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : label}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <PasswordFields state={state} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
