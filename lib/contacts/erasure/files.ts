import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { evidenceFiles } from "../../db/schema/imports";
import { queryRows } from "../../db/sql";
import { importFileType } from "../../evidence/files";
import { chunksOf, readImportRows } from "../../imports/parse";
import { normalizePhone } from "../../phone/normalize";
import { nationalDigits, phoneForms } from "../../phone/written-forms";
import type { ErasedContact } from "./opt-out";

/**
 * Deletes the content of the signed paper forms this contact's events name (evidence.documentDigest). The row
 * stays with its SHA-256, type and size: the events commit to the digest, so the proof that a scan existed, and
 * which one, survives; the picture of the person's form and signature does not.
 */
export async function eraseScans(tx: Tx, contact: ErasedContact, now: Date): Promise<number> {
  const rows = await queryRows<{ sha256: string }>(
    tx,
    sql`update evidence_files f set bytes = null, erased_at = ${now.toISOString()}
      where f.workspace_id = ${contact.workspaceId} and f.erased_at is null
        and f.sha256 in (select e.evidence->>'documentDigest' from consent_events e
          where e.workspace_id = ${contact.workspaceId} and e.contact_id = ${contact.id} and e.channel = 'paper')
      returning f.sha256`,
  );
  return rows.length;
}

/**
 * Deletes the content of every uploaded import file that has a row for this contact's number, and the file's
 * name (it may name the person), keeping the file's SHA-256, size and the job's counts. A file holds many people;
 * why the whole file goes rather than the person's rows: docs/decisions/0016-erasure-leaves-only-digests.md.
 *
 * The import events do not name their file, so each stored file still holding content is read again, row by row,
 * with the import's own parser and number rules. Erasure is rare and the files are bounded (lib/imports/limits.ts).
 */
export async function eraseImportFiles(tx: Tx, contact: ErasedContact, defaultCountry: string, now: Date): Promise<string[]> {
  if (!contact.phone) return [];
  const files = await queryRows<{ sha256: string }>(
    tx,
    sql`select f.sha256 from evidence_files f
      where f.workspace_id = ${contact.workspaceId} and f.content_type = ${importFileType} and f.erased_at is null
      order by f.created_at`,
  );
  const naming: string[] = [];
  const national = nationalDigits(contact.phone);
  for (const { sha256 } of files) {
    const [file] = await tx
      .select({ bytes: evidenceFiles.bytes })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.workspaceId, contact.workspaceId), eq(evidenceFiles.sha256, sha256)));
    if (!file?.bytes) continue;
    // However a row writes the number, its national digits appear in it in order once the separators are gone: a
    // file without them cannot name the person, and is not parsed (parsing a large file row by row took seconds).
    if (national && !digitsOf(file.bytes).includes(national)) continue;
    if (await namesNumber(file.bytes, contact.phone, defaultCountry)) naming.push(sha256);
  }
  if (naming.length === 0) return [];
  const digests = sql.join(
    naming.map((s) => sql`${s}`),
    sql`, `,
  );
  const jobs = await queryRows<{ id: string }>(
    tx,
    sql`with erased as (update evidence_files set bytes = null, erased_at = ${now.toISOString()}
        where workspace_id = ${contact.workspaceId} and sha256 in (${digests}))
      update import_jobs set file_name = '' where workspace_id = ${contact.workspaceId} and file_sha256 in (${digests})
      returning id`,
  );
  return jobs.map((j) => j.id);
}

/** Only the ASCII digits of the bytes, in order: what the pre-filter looks for the number in. */
function digitsOf(bytes: Buffer): string {
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (const b of bytes) if (b >= 0x30 && b <= 0x39) out[n++] = b;
  return out.toString("latin1", 0, n);
}

/** Whether any row of an import file gives this number, read as the import reads it. */
async function namesNumber(bytes: Buffer, phone: string, defaultCountry: string): Promise<boolean> {
  try {
    for await (const row of readImportRows(chunksOf(bytes), Number.MAX_SAFE_INTEGER)) {
      if ("problem" in row || !row.values.phone) continue;
      try {
        if (normalizePhone(row.values.phone, defaultCountry) === phone) return true;
      } catch {
        // A row whose number does not read is no row of this person's.
      }
    }
    return false;
  } catch {
    // A file the parser no longer takes (its rules changed since it was stored): go by the number's digits, in
    // international or national form.
    // The digits alone, as the pre-filter reads them: with separators kept as spaces, "(201) 555-0191" never matched.
    const digits = digitsOf(bytes);
    return phoneForms(phone).some((form) => digits.includes(form.replace(/\D/g, "")));
  }
}
