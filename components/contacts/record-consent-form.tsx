"use client";
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import { staffViaLabels, staffVias } from "@/lib/contacts/actions.validation";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";

type Props = {
  action: (previous: ActionResult | null, data: FormData) => Promise<ActionResult>;
  workspace: string;
  contactId: string;
  categories: { key: string; label: string }[];
};

const newSubmissionId = () => crypto.randomUUID();

/** Records a request a person made to staff. Each successful record gets a fresh id, so the next one is new. */
export function RecordConsentForm({ action, workspace, contactId, categories }: Props) {
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [result, formAction, pending] = useActionState(async (previous: ActionResult | null, data: FormData) => {
    const out = await action(previous, data);
    if (out.ok) setSubmissionId(newSubmissionId());
    return out;
  }, null);
  const error = (field: string) => fieldError(result, field);

  return (
    <form action={formAction} className="space-y-4" key={submissionId}>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="contactId" value={contactId} />
      <input type="hidden" name="submissionId" value={submissionId} />
      <ActionMessage result={result} />

      <fieldset>
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
        {error("action") && <p className="mt-1 text-sm text-red-700">{error("action")}</p>}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Of these messages</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {categories.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="categories" value={c.key} className="h-4 w-4" /> {c.label}
            </label>
          ))}
        </div>
        {error("categories") && <p className="mt-1 text-sm text-red-700">{error("categories")}</p>}
      </fieldset>

      <div>
        <label htmlFor="record-via" className="block text-sm font-medium text-slate-800">
          How they asked
        </label>
        <select id="record-via" name="via" defaultValue="phone_call" className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm">
          {staffVias.map((v) => (
            <option key={v} value={v}>
              {staffViaLabels[v]}
            </option>
          ))}
        </select>
      </div>

      <div>
        <label htmlFor="record-note" className="block text-sm font-medium text-slate-800">
          Note
        </label>
        <textarea
          id="record-note"
          name="note"
          rows={3}
          required
          aria-invalid={error("note") ? true : undefined}
          aria-describedby={error("note") ? "record-note-error" : undefined}
          placeholder="Who asked, when, and what they said"
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
        />
        {error("note") && (
          <p id="record-note-error" className="mt-1 text-sm text-red-700">
            {error("note")}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Recording…" : "Record request"}
      </Button>
    </form>
  );
}
