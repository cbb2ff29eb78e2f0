"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import type { Role } from "@/lib/auth/roles";
import { roleDescriptions } from "@/lib/members/members.validation";
import { fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LinkResult } from "./link-result";

type Props = { action: (p: ActionResult | null, d: FormData) => Promise<ActionResult>; workspace: string; grantable: Role[]; emailEnabled: boolean };

export function InviteForm({ action, workspace, grantable, emailEnabled }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="workspace" value={workspace} />
      <LinkResult result={result} label="Invitation link" />
      <div className="grid gap-3 sm:grid-cols-[1fr_14rem]">
        <Field label="Email" name="email" type="email" autoComplete="off" error={fieldError(result, "email")} />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue="compliance" className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-base">
            {grantable.map((r) => (
              <option key={r} value={r}>
                {r[0]!.toUpperCase() + r.slice(1)}
              </option>
            ))}
          </select>
        </div>
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
