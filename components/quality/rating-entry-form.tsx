"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { messagingLimitLabels, ratingEntrySchema, ratingLabels } from "@/lib/quality/quality.validation";

/** For ratings read in WhatsApp Manager: Meta's webhook does not tell medium (yellow), nor anything before it was set up. */
export function RatingEntryForm({ action, workspace, today }: { action: FormAction; workspace: string; today: string }) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(ratingEntrySchema, action, { resetOnSuccess: true });
  const error = (field: string) => fieldError(result, field);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="workspace" value={workspace} />
      <div className="grid gap-3 sm:grid-cols-4 sm:items-start">
        <SelectField
          id="r-rating"
          label="Rating"
          name="rating"
          options={Object.entries(ratingLabels).map(([value, label]) => ({ value, label }))}
          error={error("rating")}
        />
        <SelectField
          id="r-limit"
          label="Messaging limit"
          name="messagingLimit"
          options={[{ value: "", label: "Not noted" }, ...Object.entries(messagingLimitLabels).map(([value, label]) => ({ value, label }))]}
          error={error("messagingLimit")}
        />
        <Field id="r-date" label="Seen on" name="observedOn" type="date" max={today} defaultValue={today} error={error("observedOn")} />
        <Field id="r-note" label="Note (optional)" name="note" maxLength={500} error={error("note")} />
      </div>
      <ActionMessage result={result} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Recording…" : "Record rating"}
      </Button>
    </form>
  );
}
