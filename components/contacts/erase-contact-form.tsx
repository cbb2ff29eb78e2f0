"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Props = {
  action: (previous: ActionResult | null, data: FormData) => Promise<ActionResult>;
  workspace: string;
  contactId: string;
};

/** Erasure cannot be undone, so it asks for a reason and for the word ERASE typed out. */
export function EraseContactForm({ action, workspace, contactId }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="contactId" value={contactId} />
      <ActionMessage result={result} />
      <Field label="Reason" name="reason" hint="For the audit log, e.g. the person's erasure request and its date." error={fieldError(result, "reason")} />
      <Field label="Type ERASE to confirm" name="confirm" autoComplete="off" error={fieldError(result, "confirm")} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Erasing…" : "Erase personal data"}
      </Button>
    </form>
  );
}
