import "server-only";
import { and, count, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Db, DbOrTx } from "../db/client";
import { consentEvents } from "../db/schema/ledger";
import { formVersions, forms } from "../db/schema/forms";
import { csvRow } from "./csv";
import { exportColumns, exportQuery, inlineParams, type ExportFilter, type ExportFormat } from "./export-query";

export { exportColumns };
export type { ExportFilter, ExportFormat };

const BATCH = 5000;
const COPY_CHUNK_BYTES = 64 * 1024;

function filterConditions(filter: ExportFilter): (SQL | undefined)[] {
  return [
    eq(consentEvents.workspaceId, filter.workspaceId),
    filter.from ? gte(consentEvents.occurredAt, filter.from) : undefined,
    filter.to ? lt(consentEvents.occurredAt, filter.to) : undefined,
    filter.categoryKey ? eq(consentEvents.categoryKey, filter.categoryKey) : undefined,
    filter.channel ? eq(consentEvents.channel, filter.channel) : undefined,
    filter.action ? eq(consentEvents.action, filter.action) : undefined,
    filter.formSlug
      ? inArray(
          consentEvents.formVersionId,
          sql`(select ${formVersions.id} from ${formVersions} join ${forms} on ${forms.id} = ${formVersions.formId}
               where ${forms.workspaceId} = ${filter.workspaceId} and ${forms.slug} = ${filter.formSlug})`,
        )
      : undefined,
  ];
}

/** How many events an export with this filter holds: shown before it starts and used for its progress. */
export async function countEvents(db: DbOrTx, filter: ExportFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(consentEvents)
    .where(and(...filterConditions(filter)));
  return Number(row?.n ?? 0);
}

/** The node-postgres pool behind a Db, when it is PostgreSQL (drizzle keeps it as $client). */
export function postgresPool(db: DbOrTx): pg.Pool | null {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : null;
}

/**
 * The workspace's consent events in ledger order, as CSV or JSON Lines chunks, with memory flat whatever the
 * size. On PostgreSQL it is one `COPY … TO STDOUT` read as a stream (the database does the formatting, at
 * COPY's speed); on PGlite the same query runs in keyset batches. The consumer's backpressure paces both.
 */
export async function* exportEvents(db: Db, filter: ExportFilter, format: ExportFormat): AsyncGenerator<string | Uint8Array> {
  const pool = postgresPool(db);
  yield* pool ? copyEvents(pool, filter, format) : exportEventsInBatches(db, filter, format);
}

export async function* exportEventsInBatches(db: DbOrTx, filter: ExportFilter, format: ExportFormat): AsyncGenerator<string> {
  if (format === "csv") yield csvRow([...exportColumns]);
  let after = 0;
  for (;;) {
    const { text, params } = exportQuery(filter, format, { afterPosition: after, limit: BATCH });
    const result = (await db.execute(sql.raw(inlineParams({ text, params }, pg.escapeLiteral)))) as { rows: Record<string, unknown>[] };
    const rows = result.rows;
    if (rows.length === 0) return;
    yield rows.map((r) => (format === "csv" ? csvRow(exportColumns.map((c) => r[c])) : `${r.line}\n`)).join("");
    after = Number(rows[rows.length - 1]!.position);
  }
}

/** Yields COPY's own buffers untouched: decoding and re-encoding them would cost more than the export itself. */
export async function* copyEvents(pool: pg.Pool, filter: ExportFilter, format: ExportFormat): AsyncGenerator<Uint8Array> {
  const query = inlineParams(exportQuery(filter, format), (v) => pg.escapeLiteral(v));
  // JSON Lines: one column, and quote/delimiter characters JSON text never holds raw, so COPY writes it as is.
  const options = format === "csv" ? "format csv, header" : "format csv, quote e'\\x01', delimiter e'\\x02'";
  const text = format === "csv" ? query : `select line from (${query}) lines`;
  const client = await pool.connect();
  let completed = false;
  try {
    const stream = client.query(copyTo(`copy (${text}) to stdout with (${options})`));
    // COPY's rows arrive as the socket reads them, mostly 8 KiB at a time; each chunk costs the HTTP response a
    // turn of its own, so they go on gathered.
    let parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= COPY_CHUNK_BYTES) {
        yield Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
    }
    if (size > 0) yield Buffer.concat(parts, size);
    completed = true;
  } finally {
    // A COPY abandoned or failed half-way leaves the connection mid-protocol: destroy it rather than reuse it.
    client.release(completed ? undefined : new Error("export stopped before its end"));
  }
}
