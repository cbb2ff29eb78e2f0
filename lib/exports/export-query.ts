import type { ConsentAction, EventChannel } from "../ledger/types";

export type ExportFormat = "csv" | "jsonl";
export type ExportFilter = {
  workspaceId: string;
  from?: Date;
  to?: Date;
  categoryKey?: string;
  channel?: EventChannel;
  action?: ConsentAction;
  /** A form's slug: its events from every version. */
  formSlug?: string;
};

/**
 * The one SQL text behind every export, whichever way it runs: in keyset batches (PGlite) or as a single
 * `COPY … TO STDOUT` (PostgreSQL). The database formats each value (ISO times, JSON text, spreadsheet-formula
 * defusing), so both ways give byte-identical files.
 */
export const exportColumns = [
  "position",
  "event_id",
  "occurred_at",
  "recorded_at",
  "phone",
  "category",
  "action",
  "channel",
  "opt_in_level",
  "form_version_id",
  "language",
  "evidence",
  "actor",
  "ip",
  "user_agent",
  "note",
  "prev_hash",
  "hash",
  // Last, so files read by column position keep their earlier columns where they were.
  "user_id",
  // The business as it was named when the event happened (workspace_names), not as it is named today.
  "business_name",
  "legal_name",
] as const;

type Column = (typeof exportColumns)[number];

/** Where each column comes from: the events (e), their contact (c) and the event's personal data (p). */
const sources: Record<Column, string> = {
  position: "e.position",
  event_id: "e.id",
  occurred_at: "e.occurred_at",
  recorded_at: "e.recorded_at",
  phone: "c.phone",
  category: "e.category_key",
  action: "e.action",
  channel: "e.channel",
  opt_in_level: "e.opt_in_level",
  form_version_id: "e.form_version_id",
  language: "e.language",
  evidence: "e.evidence",
  actor: "e.actor",
  ip: "p.ip",
  user_agent: "p.user_agent",
  note: "p.note",
  prev_hash: "e.prev_hash",
  hash: "e.hash",
  user_id: "c.bsuid",
  business_name: "n.business_name",
  legal_name: "n.legal_name",
};

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// A leading =, +, -, @, tab or CR makes a spreadsheet run the cell as a formula; an apostrophe defuses it. E.164
// numbers are left exact: as a formula they are only a number. The same test as csvField's, written to cost little
// per row: ascii() rather than a regular expression for the first character, and the number's length apart from
// its digits (a counted repetition in a PostgreSQL regular expression costs about a second a million rows).
const defused = (column: string) =>
  `case when ascii(${column}) in (61, 43, 45, 64, 9, 13) and not (${column} ~ '^\\+[0-9]+$' and length(${column}) between 7 and 16)` +
  ` then '''' || ${column} else ${column} end`;

/**
 * How each column is written, from the row `r` the inner query gives; a column not named here goes as it is
 * (user_id among them: a BSUID starts with two letters, so it can never be read as a formula).
 */
const formats: Partial<Record<Column, { csv: string; json: string }>> = {
  occurred_at: { csv: iso("r.occurred_at"), json: iso("r.occurred_at") },
  recorded_at: { csv: iso("r.recorded_at"), json: iso("r.recorded_at") },
  phone: { csv: defused("r.phone"), json: "r.phone" },
  category: { csv: defused("r.category"), json: "r.category" },
  language: { csv: defused("r.language"), json: "r.language" },
  evidence: { csv: "r.evidence::text", json: "r.evidence" },
  actor: { csv: "r.actor::text", json: "r.actor" },
  ip: { csv: defused("r.ip"), json: "r.ip" },
  user_agent: { csv: defused("r.user_agent"), json: "r.user_agent" },
  note: { csv: defused("r.note"), json: "r.note" },
  business_name: { csv: defused("r.business_name"), json: "r.business_name" },
  legal_name: { csv: defused("r.legal_name"), json: "r.legal_name" },
};
const value = (c: Column, format: ExportFormat) => formats[c]?.[format === "csv" ? "csv" : "json"] ?? `r.${c}`;

export type ExportQuery = { text: string; params: unknown[] };

/**
 * The export's SELECT with $n placeholders. `afterPosition` and `limit` add the keyset batch; without them
 * it is the whole export, for COPY. The inner query finds and orders the stored rows and the outer one formats
 * them: formatted after the sort, the sort carries the compact stored values rather than their longer text.
 */
export function exportQuery(filter: ExportFilter, format: ExportFormat, batch?: { afterPosition: number; limit: number }): ExportQuery {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`e.workspace_id = ${p(filter.workspaceId)}`];
  if (filter.from) where.push(`e.occurred_at >= ${p(filter.from.toISOString())}`);
  if (filter.to) where.push(`e.occurred_at < ${p(filter.to.toISOString())}`);
  if (filter.categoryKey) where.push(`e.category_key = ${p(filter.categoryKey)}`);
  if (filter.channel) where.push(`e.channel = ${p(filter.channel)}`);
  if (filter.action) where.push(`e.action = ${p(filter.action)}`);
  if (filter.formSlug) {
    where.push(
      `e.form_version_id in (select v.id from form_versions v join forms f on f.id = v.form_id where f.workspace_id = e.workspace_id and f.slug = ${p(filter.formSlug)})`,
    );
  }
  if (batch) where.push(`e.position > ${p(batch.afterPosition)}`);
  const select =
    format === "csv"
      ? exportColumns.map((c) => `${value(c, format)} as ${c}`).join(", ")
      : `r.position, jsonb_build_object(${exportColumns.map((c) => `'${c}', ${value(c, format)}`).join(", ")})::text as line`;
  // The inner ORDER BY keeps PostgreSQL from merging the subquery into the outer query (and so formatting before
  // sorting); the outer one costs nothing, as the planner knows the subquery's rows come in that order.
  const text = `select ${select} from (
    select ${exportColumns.map((c) => `${sources[c]} as ${c}`).join(", ")}
    from consent_events e join contacts c on c.id = e.contact_id left join event_personal_data p on p.event_id = e.id
    left join lateral (select w.business_name, w.legal_name from workspace_names w
      where w.workspace_id = e.workspace_id and w.valid_from <= e.occurred_at order by w.valid_from desc limit 1) n on true
    where ${where.join(" and ")} order by e.position${batch ? ` limit ${Number(batch.limit)}` : ""}
  ) r order by r.position`;
  return { text, params };
}

/** The same query with its values written in as SQL literals, for COPY (which takes no parameters). */
export function inlineParams(query: ExportQuery, escapeLiteral: (value: string) => string): string {
  return query.text.replace(/\$(\d+)/g, (_, n: string) => escapeLiteral(String(query.params[Number(n) - 1])));
}
