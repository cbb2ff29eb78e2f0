"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type State = { message?: string; fields: Record<string, string>; values: Record<string, string> };
type Props = { action: (s: State, d: FormData) => Promise<State> };

export function SetupForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { fields: {}, values: {} });
  const v = state.values;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field
        label="Business name"
        name="businessName"
        defaultValue={v.businessName}
        hint="Shown to people on every opt-in page."
        error={state.fields.businessName}
      />
      <Field label="Legal name (optional)" name="legalName" defaultValue={v.legalName} error={state.fields.legalName} />
      <Field
        label="Short name for links"
        name="slug"
        defaultValue={v.slug}
        hint="Lower-case letters, digits and dashes, e.g. acme-coffee."
        error={state.fields.slug}
      />
      <hr className="border-slate-200" />
      <Field label="Your name" name="name" autoComplete="name" defaultValue={v.name} error={state.fields.name} />
      <Field label="Your email" name="email" type="email" autoComplete="username" defaultValue={v.email} error={state.fields.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 12 characters." error={state.fields.password} />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" error={state.fields.confirm} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Setting up…" : "Create workspace and sign in"}
      </Button>
    </form>
  );
}
