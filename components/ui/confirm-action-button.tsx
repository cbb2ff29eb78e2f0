"use client";
import { useActionState } from "react";
import { ActionMessage } from "./action-form-state";
import { buttonClass } from "./button";
import type { FormAction } from "./use-validated-action";

type Props = {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  accessibleLabel: string;
  pendingLabel: string;
  confirm: string;
  /** Once done, only the outcome stays, so the person still reads what happened. */
  done?: boolean;
  /** Full size, to sit in a row of other buttons; the default is the small one used inside lists. */
  size?: "small" | "regular";
};

/** A one-button action that asks first, for what cannot be undone. */
export function ConfirmActionButton({ action, fields, label, accessibleLabel, pendingLabel, confirm, done = false, size = "small" }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  if (done) return <ActionMessage result={result} />;
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
      className="space-y-2"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        aria-label={accessibleLabel}
        className={
          size === "regular"
            ? `${buttonClass("secondary")} text-red-700 hover:bg-red-50`
            : "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:text-slate-400"
        }
      >
        {pending ? pendingLabel : label}
      </button>
      <ActionMessage result={result} />
    </form>
  );
}
