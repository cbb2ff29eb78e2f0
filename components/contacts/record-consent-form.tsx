"use client";
import { useEffect, useState } from "react";
import { staffViaLabels, staffVias, recordConsentSchema } from "@/lib/contacts/actions.validation";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { AskedAtField, localNow } from "./asked-at-field";

type Props = {
  action: FormAction;
  workspace: string;
  contactId: string;
  categories: { key: string; label: string }[];
};

const newSubmissionId = () => crypto.randomUUID();

/** Records a request a person made to staff. Each successful record gets a fresh id, so the next one is new. */
export function RecordConsentForm({ action, workspace, contactId, categories }: Props) {
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  // Empty until hydrated: "now" is the browser's, in the staff member's zone.
  const [askedAt, setAskedAt] = useState("");
  const [filledIn, setFilledIn] = useState("");
  const fillInNow = () => {
    const now = localNow();
    setAskedAt(now);
    setFilledIn(now);
  };
  useEffect(fillInNow, []);
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(recordConsentSchema, action, {
    arrays: ["categories"],
    onResult: (r) => {
      if (!r.ok) return;
      setSubmissionId(newSubmissionId());
      fillInNow();
    },
  });
  const error = (field: string) => fieldError(result, field);

  // The key starts a fresh form after each record, so the next request begins from the defaults.
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-4" key={submissionId}>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="contactId" value={contactId} />
      <input type="hidden" name="submissionId" value={submissionId} />
      <ActionMessage result={result} />

      <fieldset aria-describedby={error("action") ? "record-action-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">The person asked to</legend>
        <div className="mt-1 flex gap-4">
          {[
            ["opt_out", "Opt out"],
            ["opt_in", "Opt in"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="action" value={value} defaultChecked={value === "opt_out"} className="h-4 w-4" /> {label}
            </label>
          ))}
        </div>
        {error("action") && (
          <p id="record-action-error" className="mt-1 text-sm text-red-700">
            {error("action")}
          </p>
        )}
      </fieldset>

      <fieldset aria-describedby={error("categories") ? "record-categories-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Of these messages</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {categories.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="categories" value={c.key} aria-invalid={error("categories") ? true : undefined} className="h-4 w-4" /> {c.label}
            </label>
          ))}
        </div>
        {error("categories") && (
          <p id="record-categories-error" className="mt-1 text-sm text-red-700">
            {error("categories")}
          </p>
        )}
      </fieldset>

      <SelectField
        id="record-via"
        label="How they asked"
        name="via"
        defaultValue="phone_call"
        options={staffVias.map((v) => ({ value: v, label: staffViaLabels[v] }))}
        error={error("via")}
      />
      <AskedAtField value={askedAt} onChange={setAskedAt} error={error("occurredAt")} isNow={askedAt !== "" && askedAt === filledIn} />
      <TextAreaField id="record-note" label="Note" name="note" rows={3} required placeholder="Who asked and what they said" error={error("note")} />
      <Button type="submit" disabled={pending}>
        {pending ? "Recording…" : "Record request"}
      </Button>
    </form>
  );
}
