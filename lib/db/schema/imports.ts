import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { users, workspaces } from "./workspaces";

/**
 * Content-addressed files: scans of signed paper forms and uploaded import files, kept in the database so
 * every app instance serves them. The same bytes uploaded twice in a workspace are stored once; the events
 * carry the SHA-256, so the ledger's hashes cover the file. Erasing a person the file names deletes its bytes
 * and keeps the row: the digest, type and size stay as the record that the file existed (decision 0016).
 */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    sha256: text("sha256").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** Null once erased. */
    bytes: bytea("bytes"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.sha256] }), check("evidence_files_erased_or_kept", sql`(${t.bytes} is null) = (${t.erasedAt} is not null)`)],
);

export const importJobStatusEnum = pgEnum("import_job_status", ["previewed", "running", "done", "failed"]);

/**
 * One CSV import: checked in full when uploaded (the preview), then run in batches. The counters are what the
 * page polls; `processedRows` only moves after a batch commits, so a resumed job starts where it stopped.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    fileSha256: text("file_sha256").notNull(),
    fileName: text("file_name").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    status: importJobStatusEnum("status").notNull().default("previewed"),
    totalRows: integer("total_rows").notNull(),
    goodRows: integer("good_rows").notNull(),
    badRows: integer("bad_rows").notNull(),
    /** Rows (good or bad) the import has passed, counted from the first data row. */
    processedRows: integer("processed_rows").notNull().default(0),
    /** Good rows that wrote new events. */
    writtenRows: integer("written_rows").notNull().default(0),
    /** Good rows already in the ledger from an earlier import (same workspace and row identity). */
    alreadyImportedRows: integer("already_imported_rows").notNull().default(0),
    /** Good rows the ledger still refused when they were written (say, a category retired since the preview). */
    refusedRows: integer("refused_rows").notNull().default(0),
    error: text("error"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("import_jobs_workspace_created").on(t.workspaceId, t.createdAt)],
);

/** Every problem of every bad row: row number as a spreadsheet shows it (the header is row 1), column, reason. */
export const importRowErrors = pgTable(
  "import_row_errors",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    column: text("column").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.row, t.column] })],
);
