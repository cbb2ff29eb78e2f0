"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldFrame, controlClass } from "@/components/ui/field";

type Props = {
  workspace: string;
  categories: { key: string; label: string }[];
  versions: { id: string; label: string }[];
  phone?: string;
  today: string;
  scanLimit: string;
};

type Outcome = { ok: true; message: string; contactId: string; sha256: string } | { ok: false; message: string; fields: Record<string, string> };

const newSubmissionId = () => crypto.randomUUID();

/**
 * Records a signed paper form with its scan. Posted to a route handler rather than a server action, because a
 * scan is larger than a server action accepts; the route checks the Origin, the role and every field.
 */
export function RecordPaperForm({ workspace, categories, versions, phone, today, scanLimit }: Props) {
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState(false);
  const error = (field: string) => (outcome && !outcome.ok ? outcome.fields[field] : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    try {
      const response = await fetch(`/${workspace}/contacts/paper/record`, { method: "POST", body: new FormData(event.currentTarget) });
      const body = (await response.json().catch(() => ({}))) as {
        ok?: boolean;
        message?: string;
        title?: string;
        contactId?: string;
        sha256?: string;
        errors?: { field: string; message: string }[];
      };
      if (response.ok && body.ok) {
        setOutcome({ ok: true, message: body.message!, contactId: body.contactId!, sha256: body.sha256! });
        setSubmissionId(newSubmissionId());
      } else {
        const fields: Record<string, string> = {};
        for (const f of body.errors ?? []) fields[f.field.split(".")[0]!] ??= f.message;
        setOutcome({ ok: false, message: body.title ?? "Something went wrong. Nothing was recorded.", fields });
      }
    } catch {
      setOutcome({ ok: false, message: "The form could not be sent. Check your connection; nothing was recorded.", fields: {} });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-5" key={submissionId} noValidate>
      <input type="hidden" name="submissionId" value={submissionId} />
      {outcome?.ok && (
        <Alert tone="success">
          {outcome.message}{" "}
          <Link href={`/${workspace}/contacts/${outcome.contactId}`} className="font-semibold underline">
            Open the contact
          </Link>
          <span className="mt-1 block break-all font-mono text-xs">Scan SHA-256 {outcome.sha256}</span>
        </Alert>
      )}
      {outcome && !outcome.ok && <Alert tone="error">{outcome.message}</Alert>}

      <Field
        label="Phone number"
        name="phone"
        type="tel"
        autoComplete="off"
        defaultValue={phone}
        error={error("phone")}
        hint="As written on the form, in any format."
        required
      />

      <fieldset aria-describedby={error("categories") ? "paper-categories-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Messages the person ticked</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {categories.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="categories" value={c.key} className="h-4 w-4" /> {c.label}
            </label>
          ))}
        </div>
        {error("categories") && (
          <p id="paper-categories-error" className="mt-1 text-sm text-red-700">
            {error("categories")}
          </p>
        )}
      </fieldset>

      <Field
        label="Form version id"
        name="formVersionId"
        list="paper-versions"
        autoComplete="off"
        spellCheck={false}
        error={error("formVersionId")}
        hint="Printed at the foot of every page of the paper form."
        required
      />
      <datalist id="paper-versions">
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </datalist>

      <Field label="Date signed" name="signedOn" type="date" max={today} error={error("signedOn")} required />

      <FieldFrame id="paper-scan" label="Scan of the signed form" hint={`PDF, JPEG or PNG, up to ${scanLimit}.`} error={error("scan")}>
        {(aria) => (
          <input
            type="file"
            name="scan"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            required
            {...aria}
            className={`${controlClass} text-sm`}
          />
        )}
      </FieldFrame>

      <FieldFrame id="paper-note" label="Note (optional)" hint="Where it was signed, who took it." error={error("note")}>
        {(aria) => <textarea name="note" rows={3} {...aria} className={controlClass} />}
      </FieldFrame>

      <Button type="submit" disabled={pending}>
        {pending ? "Recording…" : "Record the signed form"}
      </Button>
    </form>
  );
}
