"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { qualityThresholdsSchema, type QualityThresholds } from "@/lib/quality/quality.validation";

const ratingOptions = [
  { value: "yellow", label: "When it falls to medium (yellow) or low (red)" },
  { value: "red", label: "Only when it falls to low (red)" },
  { value: "off", label: "Never" },
];

export function ThresholdForm({ action, workspace, saved }: { action: FormAction; workspace: string; saved: QualityThresholds }) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(qualityThresholdsSchema, action);
  const error = (field: string) => fieldError(result, field);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="workspace" value={workspace} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="q-jump"
          label="Opt-out rate jump (percentage points)"
          name="optOutJumpPoints"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          defaultValue={saved.optOutJumpPoints}
          error={error("optOutJumpPoints")}
          hint="A form's or category's opt-out rate over the last 7 days, against its previous 28 days (a new form starts from 0)."
        />
        <Field
          id="q-min"
          label="Opt-ins needed in those 7 days"
          name="minOptIns"
          type="number"
          inputMode="numeric"
          min={1}
          defaultValue={saved.minOptIns}
          error={error("minOptIns")}
          hint="Below this, a few opt-outs are noise, not a trend."
        />
      </div>
      <SelectField
        id="q-rating"
        label="WhatsApp quality rating"
        name="ratingAlertLevel"
        options={ratingOptions}
        defaultValue={saved.ratingAlertLevel}
        error={error("ratingAlertLevel")}
        className="sm:max-w-md"
      />
      <ActionMessage result={result} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save thresholds"}
      </Button>
    </form>
  );
}
