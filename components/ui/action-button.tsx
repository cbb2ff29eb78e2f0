"use client";
import { useActionState } from "react";
import { ActionMessage } from "./action-form-state";
import { Button } from "./button";
import type { FormAction } from "./use-validated-action";

type Props = {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  /** The page itself shows the outcome once it re-renders (the ledger's "last verified"): only a refusal is shown here. */
  outcomeOnPage?: boolean;
};

/** A one-button dashboard action (no inputs besides hidden ones), with its outcome shown beside it. */
export function ActionButton({ action, fields, label, pendingLabel, variant = "secondary", outcomeOnPage = false }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      <ActionMessage result={outcomeOnPage && result?.ok ? null : result} />
    </form>
  );
}
