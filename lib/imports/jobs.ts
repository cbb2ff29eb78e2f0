import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { importJobs, importRowErrors } from "../db/schema/imports";
import { findRecordingContext } from "../channels/recording-context";
import { AppError, ConflictError, NotFoundError } from "../errors";
import { findEvidenceFile, importFileType, storeEvidenceFile } from "../evidence/files";
import { appendMany, MAX_EVENTS_PER_BATCH } from "../ledger/append";
import { queryRows } from "../db/sql";
import type { ContextCache } from "../ledger/plan";
import type { Actor } from "../ledger/types";
import { importCommand } from "./commands";
import { chunksOf, readImportRows, type CsvRow } from "./parse";
import { STALE_AFTER_MS } from "./stale";
import { validateImportRow, type ImportRow, type RowError } from "./validate-row";

export type ImportJob = typeof importJobs.$inferSelect;

const ROWS_PER_BATCH = 500;

/** Every row of a file, checked as it is read: the good ones normalised, every problem of the bad ones. */
async function checkRows(db: DbOrTx, workspaceId: string, rows: AsyncIterable<CsvRow>) {
  const context = await findRecordingContext(db, workspaceId);
  const now = new Date();
  const good: ImportRow[] = [];
  const errors: RowError[] = [];
  let total = 0;
  let bad = 0;
  for await (const csv of rows) {
    total += 1;
    const checked = validateImportRow(csv, context, now);
    if (checked.ok) good.push(checked.row);
    else {
      bad += 1;
      errors.push(...checked.errors);
    }
  }
  return { total, good, bad, errors };
}

/** The chunks as they pass, kept for storing the file once it has been read whole. */
function keepingChunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
  const kept: Uint8Array[] = [];
  return {
    chunks: (async function* () {
      for await (const chunk of source) {
        kept.push(chunk);
        yield chunk;
      }
    })(),
    bytes: () => Buffer.concat(kept),
  };
}

/**
 * The preview: the file is read and every row checked as it streams in (an upload is never held whole before
 * its first rows are checked, and a file past a limit is refused at that point), nothing is written to the
 * ledger. The file is kept (content-addressed, like scans) with a job that holds the counts and every bad
 * row's problems.
 */
export async function previewImport(
  db: Db,
  input: { workspaceId: string; fileName: string; bytes: Uint8Array | AsyncIterable<Uint8Array>; createdBy: string | null },
): Promise<ImportJob> {
  const file = keepingChunks(input.bytes instanceof Uint8Array ? chunksOf(input.bytes) : input.bytes);
  const checked = await checkRows(db, input.workspaceId, readImportRows(file.chunks));
  const bytes = file.bytes();
  return db.transaction(async (tx) => {
    const { sha256 } = await storeEvidenceFile(tx, { workspaceId: input.workspaceId, bytes, contentType: importFileType, createdBy: input.createdBy });
    const [job] = await tx
      .insert(importJobs)
      .values({
        workspaceId: input.workspaceId,
        fileSha256: sha256,
        fileName: input.fileName.slice(0, 200) || "import.csv",
        createdBy: input.createdBy,
        totalRows: checked.total,
        goodRows: checked.good.length,
        badRows: checked.bad,
      })
      .returning();
    await insertRowErrors(tx, job!.id, checked.errors);
    return job!;
  });
}

async function insertRowErrors(db: DbOrTx, jobId: string, errors: RowError[]) {
  for (let i = 0; i < errors.length; i += 2_000) {
    await db
      .insert(importRowErrors)
      .values(errors.slice(i, i + 2_000).map((e) => ({ jobId, row: e.row, column: e.column, reason: e.reason })))
      .onConflictDoNothing();
  }
}

export async function findImportJob(db: DbOrTx, workspaceId: string, jobId: string): Promise<ImportJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) return null;
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.workspaceId, workspaceId), eq(importJobs.id, jobId)));
  return job ?? null;
}

export async function listImportJobs(db: DbOrTx, workspaceId: string, limit = 20): Promise<ImportJob[]> {
  return db.select().from(importJobs).where(eq(importJobs.workspaceId, workspaceId)).orderBy(desc(importJobs.createdAt)).limit(limit);
}

/** A page of a job's row problems, in row order. */
export async function listRowErrors(db: DbOrTx, jobId: string, limit: number, offset = 0): Promise<RowError[]> {
  return db
    .select({ row: importRowErrors.row, column: importRowErrors.column, reason: importRowErrors.reason })
    .from(importRowErrors)
    .where(eq(importRowErrors.jobId, jobId))
    .orderBy(asc(importRowErrors.row), asc(importRowErrors.column))
    .limit(limit)
    .offset(offset);
}

/**
 * Takes the job for this process: a previewed or failed job, or a running one whose process stopped beating.
 * One statement, so two clicks (or two instances) cannot both run it.
 */
export async function claimImportJob(db: DbOrTx, workspaceId: string, jobId: string): Promise<ImportJob> {
  const [job] = await queryRows<{ id: string }>(
    db,
    sql`update import_jobs set status = 'running', heartbeat_at = now(), started_at = coalesce(started_at, now()), error = null
      where id = ${jobId} and workspace_id = ${workspaceId}
        and (status in ('previewed', 'failed') or (status = 'running' and (heartbeat_at is null or heartbeat_at < now() - ${`${STALE_AFTER_MS} milliseconds`}::interval)))
      returning id`,
  );
  if (!job) {
    const existing = await findImportJob(db, workspaceId, jobId);
    if (!existing) throw new NotFoundError("The import");
    throw new ConflictError("import_not_startable", existing.status === "done" ? "This import has finished." : "This import is already running.");
  }
  return (await findImportJob(db, workspaceId, jobId))!;
}

export type ImportProgress = Pick<ImportJob, "processedRows" | "totalRows" | "writtenRows" | "alreadyImportedRows" | "refusedRows">;

/**
 * Writes a claimed job's good rows, in batches of one transaction each (lib/ledger/append.ts appendMany), from
 * where it last stopped. Each row carries its idempotency key, so a batch that committed just before a crash
 * is answered as "already imported" when the job resumes. Progress is saved after every batch.
 */
export async function runImportJob(db: Db, job: ImportJob, actor: Actor, onProgress?: (progress: ImportProgress) => void): Promise<ImportJob> {
  try {
    const file = await findEvidenceFile(db, job.workspaceId, job.fileSha256);
    if (!file) throw new Error(`import ${job.id}: its file is missing`);
    if (!file.bytes) throw new ConflictError("import_file_erased", "This import's file was erased with a person it named, so it can no longer be run.");
    const context = await findRecordingContext(db, job.workspaceId);
    const now = new Date();
    const cache: ContextCache = new Map();
    const progress = {
      processedRows: job.processedRows,
      totalRows: job.totalRows,
      writtenRows: job.writtenRows,
      alreadyImportedRows: job.alreadyImportedRows,
      refusedRows: job.refusedRows,
    };
    let batch: ImportRow[] = [];
    let events = 0;
    /** Writes the batch (if any) and saves progress as "the first `upTo` rows are done". */
    const flush = async (upTo: number) => {
      const outcomes =
        batch.length > 0
          ? await appendMany(
              db,
              batch.map((row) => importCommand(job.workspaceId, row, actor)),
              cache,
            )
          : [];
      const refused: RowError[] = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.ok) {
          if (outcome.receipt.replayed) progress.alreadyImportedRows += 1;
          else progress.writtenRows += 1;
        } else if (outcome.error.code === "idempotency_key_reused") {
          // The same row, imported earlier by someone else (the actor is part of the request): already in.
          progress.alreadyImportedRows += 1;
        } else {
          progress.refusedRows += 1;
          const detail = outcome.error.fields.map((f) => `${f.field}: ${f.message}`).join("; ");
          refused.push({ row: batch[i]!.row, column: "(ledger)", reason: detail || outcome.error.message });
        }
      });
      progress.processedRows = upTo;
      await insertRowErrors(db, job.id, refused);
      await db
        .update(importJobs)
        .set({ ...progress, heartbeatAt: new Date() })
        .where(eq(importJobs.id, job.id));
      onProgress?.(progress);
      batch = [];
      events = 0;
    };
    // The file is read again as it was previewed, in slices (readImportRows), never all rows at once.
    let seen = 0;
    for await (const csv of readImportRows(chunksOf(file.bytes))) {
      seen += 1;
      if (seen <= job.processedRows) continue;
      const checked = validateImportRow(csv, context, now);
      if (!checked.ok) continue;
      const size = checked.row.categories.length;
      if (batch.length > 0 && (batch.length >= ROWS_PER_BATCH || events + size > MAX_EVENTS_PER_BATCH)) await flush(seen - 1);
      batch.push(checked.row);
      events += size;
    }
    if (batch.length > 0 || seen > progress.processedRows) await flush(seen);
    const [done] = await db
      .update(importJobs)
      .set({ ...progress, status: "done", finishedAt: new Date(), heartbeatAt: new Date() })
      .where(eq(importJobs.id, job.id))
      .returning();
    return done!;
  } catch (error) {
    console.error(`[import ${job.id}]`, error);
    await db
      .update(importJobs)
      .set({
        status: "failed",
        error: error instanceof AppError ? error.message : "The import stopped on an internal error. Resume it to carry on where it stopped.",
      })
      .where(eq(importJobs.id, job.id));
    throw error;
  }
}
