"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import type { Role } from "@/lib/auth/roles";
import { ActionMessage } from "@/components/ui/action-form-state";

type Action = (p: ActionResult | null, d: FormData) => Promise<ActionResult>;
type Props = {
  workspace: string;
  userId: string;
  name: string;
  role: Role;
  grantable: Role[];
  actions: { changeRole: Action; remove: Action; resetLink: Action };
  emailEnabled: boolean;
};

const small = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:text-slate-400";

/**
 * Role change, password reset link and removal for one member; each its own small form. A reset link goes to the
 * member's own email only (never shown here), so without email there is no reset button.
 */
export function MemberActions({ workspace, userId, name, role, grantable, actions, emailEnabled }: Props) {
  const [roleResult, changeRole, changing] = useActionState(actions.changeRole, null);
  const [resetResult, resetLink, resetting] = useActionState(actions.resetLink, null);
  const [removeResult, remove, removing] = useActionState(actions.remove, null);
  const hidden = (
    <>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="userId" value={userId} />
    </>
  );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={changeRole} className="flex items-center gap-1">
          {hidden}
          <label htmlFor={`role-${userId}`} className="sr-only">
            Role of {name}
          </label>
          <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {(grantable.includes(role) ? grantable : [role, ...grantable]).map((r) => (
              <option key={r} value={r}>
                {r[0]!.toUpperCase() + r.slice(1)}
              </option>
            ))}
          </select>
          <button type="submit" className={small} disabled={changing}>
            Save role
          </button>
        </form>
        {emailEnabled && (
          <form action={resetLink}>
            {hidden}
            <button type="submit" className={small} disabled={resetting}>
              Email password reset link
            </button>
          </form>
        )}
        <form
          action={remove}
          onSubmit={(e) => {
            if (!window.confirm(`Remove ${name} from this workspace?`)) e.preventDefault();
          }}
        >
          {hidden}
          <button type="submit" className={`${small} text-red-700`} disabled={removing}>
            Remove
          </button>
        </form>
      </div>
      <ActionMessage result={roleResult} />
      <ActionMessage result={removeResult} />
      <ActionMessage result={resetResult} />
    </div>
  );
}
