"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { eraseContactSchema } from "@/lib/contacts/actions.validation";

type Props = { action: FormAction; workspace: string; contactId: string };

/** Erasure opts the person out of every category and cannot be undone, so it asks for a reason and for the word ERASE typed out. */
export function EraseContactForm({ action, workspace, contactId }: Props) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(eraseContactSchema, action, { resetOnSuccess: true });
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="contactId" value={contactId} />
      <ActionMessage result={result} />
      <Field label="Reason" name="reason" hint="For the audit log, e.g. the person's erasure request and its date." error={fieldError(result, "reason")} />
      <Field label="Type ERASE to confirm" name="confirm" autoComplete="off" error={fieldError(result, "confirm")} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Opting out and erasing…" : "Opt out of everything and erase personal data"}
      </Button>
    </form>
  );
}
