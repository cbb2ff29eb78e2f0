import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { evidenceFiles } from "../db/schema/imports";
import { queryRows } from "../db/sql";

/** The type an import's raw file is kept as; scans are only ever PDF, JPEG or PNG (lib/evidence/file-type.ts). */
export const importFileType = "text/csv";

export const sha256Pattern = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Keeps the bytes under their SHA-256 in the workspace, once: the same scan uploaded again is not stored again.
 * `created` says whether this call stored it, so a caller whose next step fails can take back only its own file.
 */
export async function storeEvidenceFile(
  db: DbOrTx,
  file: { workspaceId: string; bytes: Uint8Array; contentType: string; createdBy: string | null },
): Promise<{ sha256: string; created: boolean }> {
  const sha256 = sha256Of(file.bytes);
  // As hex text: PGlite (on this process's thread) takes about a second per MB to bind a binary parameter,
  // holding every other request; hex decoded by the database takes milliseconds, on PostgreSQL as well.
  const hex = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString("hex");
  const inserted = await db
    .insert(evidenceFiles)
    .values({
      workspaceId: file.workspaceId,
      sha256,
      contentType: file.contentType,
      sizeBytes: file.bytes.byteLength,
      bytes: sql`decode(${hex}, 'hex')`,
      createdBy: file.createdBy,
    })
    .onConflictDoNothing()
    .returning({ sha256: evidenceFiles.sha256 });
  return { sha256, created: inserted.length > 0 };
}

/** Removes a file this request stored when what it was for was refused, unless an event already names it. */
export async function discardUnreferencedFile(db: DbOrTx, workspaceId: string, sha256: string): Promise<void> {
  await db.execute(sql`delete from evidence_files f where f.workspace_id = ${workspaceId} and f.sha256 = ${sha256}
    and not exists (select 1 from consent_events e where e.workspace_id = ${workspaceId} and e.evidence->>'documentDigest' = ${sha256})
    and not exists (select 1 from import_jobs j where j.workspace_id = ${workspaceId} and j.file_sha256 = ${sha256})`);
}

/** `bytes` is null once the file was erased with a person it names (lib/contacts/erase.ts); the digest stays. */
export type EvidenceFile = { sha256: string; contentType: string; sizeBytes: number; bytes: Buffer | null; erasedAt: Date | null };

/** A file of this workspace only: another workspace's digest is as unknown as a made-up one. */
export async function findEvidenceFile(db: DbOrTx, workspaceId: string, sha256: string): Promise<EvidenceFile | null> {
  if (!sha256Pattern.test(sha256)) return null;
  // Read as hex for the same reason as storeEvidenceFile writes it so.
  const [row] = await db
    .select({
      sha256: evidenceFiles.sha256,
      contentType: evidenceFiles.contentType,
      sizeBytes: evidenceFiles.sizeBytes,
      hex: sql<string | null>`encode(${evidenceFiles.bytes}, 'hex')`,
      erasedAt: evidenceFiles.erasedAt,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.workspaceId, workspaceId), eq(evidenceFiles.sha256, sha256)));
  if (!row) return null;
  const bytes = row.hex === null ? null : Buffer.from(row.hex, "hex");
  return { sha256: row.sha256, contentType: row.contentType, sizeBytes: row.sizeBytes, bytes, erasedAt: row.erasedAt };
}

/** How many files a workspace keeps: the same bytes twice count once. */
export async function countEvidenceFiles(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from evidence_files where workspace_id = ${workspaceId}`);
  return row!.n;
}
