"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import { ActionMessage } from "@/components/ui/action-form-state";
import type { FormAction } from "@/components/ui/use-validated-action";

type Props = { retire: FormAction; unretire: FormAction; workspace: string; categoryId: string; label: string; retired: boolean };

const small = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:text-slate-400";

/** Retire or un-retire one category. One state for both, so the outcome stays visible after the card moves. */
export function CategoryRetireToggle({ retire, unretire, workspace, categoryId, label, retired }: Props) {
  const [result, formAction, pending] = useActionState(
    (previous: ActionResult | null, data: FormData) => (data.get("intent") === "retire" ? retire(previous, data) : unretire(previous, data)),
    null,
  );
  return (
    <div className="space-y-2">
      <form
        action={formAction}
        onSubmit={(e) => {
          if (
            !retired &&
            !window.confirm(
              `Retire "${label}"?\n\nHosted forms stop offering it and no new opt-ins to it are accepted. Opt-outs still work, its history stays, and you can un-retire it later.`,
            )
          ) {
            e.preventDefault();
          }
        }}
      >
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="categoryId" value={categoryId} />
        <input type="hidden" name="intent" value={retired ? "unretire" : "retire"} />
        <button type="submit" disabled={pending} className={`${small} ${retired ? "text-slate-800" : "text-red-700"}`}>
          {pending ? (retired ? "Un-retiring…" : "Retiring…") : retired ? "Un-retire" : "Retire"}
          <span className="sr-only"> {label}</span>
        </button>
      </form>
      <ActionMessage result={result} />
    </div>
  );
}
