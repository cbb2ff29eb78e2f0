"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldFrame, controlClass } from "@/components/ui/field";
import { importLimitLabels, importLimits } from "@/lib/imports/limits";

/**
 * Sends the chosen CSV as the raw body of a POST to the upload route (a server action would stop at 1 MB),
 * then opens the preview of the job it made. A refusal shows the server's reason, which names the limit a file
 * went past (lib/imports/limits.ts); a file over the size limit is refused here before it is sent.
 */
export function ImportUploadForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (new FormData(event.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) {
      setError("Choose a CSV file.");
      return;
    }
    if (file.size > importLimits.fileBytes) {
      setError(`The file is larger than ${importLimitLabels.fileBytes}, the most one import may be. Split it into smaller files.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/${workspace}/contacts/import/upload?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      });
      const body = (await response.json().catch(() => ({}))) as { url?: string; title?: string; errors?: { message: string }[] };
      if (response.ok && body.url) {
        router.push(body.url);
        return;
      }
      setError(body.errors?.map((e) => e.message).join(" ") || body.title || "The file could not be read.");
    } catch {
      setError("The file could not be sent. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <FieldFrame
        id="import-file"
        label="CSV file"
        hint={`UTF-8, comma-separated, up to ${importLimitLabels.fileBytes}, ${importLimitLabels.rows} and ${importLimitLabels.columns}; at most ${importLimitLabels.fieldChars}. Nothing is written until you confirm the preview.`}
        error={error ?? undefined}
      >
        {(aria) => <input type="file" name="file" accept=".csv,text/csv" required {...aria} className={`${controlClass} text-sm`} />}
      </FieldFrame>
      <Button type="submit" disabled={pending}>
        {pending ? "Checking every row…" : "Upload and preview"}
      </Button>
    </form>
  );
}
