"use client";
import type { Role } from "@/lib/auth/roles";
import { inviteMemberSchema, roleDescriptions } from "@/lib/members/members.validation";
import { fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { LinkResult } from "./link-result";

type Props = { action: FormAction; workspace: string; grantable: Role[]; emailEnabled: boolean };

const roleName = (r: Role) => r[0]!.toUpperCase() + r.slice(1);

export function InviteForm({ action, workspace, grantable, emailEnabled }: Props) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(inviteMemberSchema, action, { resetOnSuccess: true });
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="workspace" value={workspace} />
      <LinkResult result={result} label="Invitation link" />
      <div className="grid gap-3 sm:grid-cols-[1fr_14rem]">
        <Field label="Email" name="email" type="email" autoComplete="off" error={fieldError(result, "email")} />
        <SelectField
          id="invite-role"
          label="Role"
          name="role"
          defaultValue="compliance"
          options={grantable.map((r) => ({ value: r, label: roleName(r) }))}
          error={fieldError(result, "role")}
        />
      </div>
      <ul className="space-y-0.5 text-xs text-slate-600">
        {grantable.map((r) => (
          <li key={r}>
            <span className="font-medium capitalize text-slate-800">{r}:</span> {roleDescriptions[r]}
          </li>
        ))}
      </ul>
      <Button type="submit" disabled={pending}>
        {pending ? (emailEnabled ? "Sending…" : "Creating…") : emailEnabled ? "Send invitation" : "Create invitation link"}
      </Button>
    </form>
  );
}
