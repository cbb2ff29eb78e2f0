import type { ExportFilter, ExportFormat } from "./events";

/**
 * The one SQL text behind every export, whichever way it runs: in keyset batches (PGlite) or as a single
 * `COPY … TO STDOUT` (PostgreSQL). The database formats each value (ISO times, JSON text, spreadsheet-formula
 * defusing), so both ways give byte-identical files.
 */
export const exportColumns = [
  "position", "event_id", "occurred_at", "recorded_at", "phone", "category", "action", "channel", "opt_in_level",
  "form_version_id", "language", "evidence", "actor", "ip", "user_agent", "note", "prev_hash", "hash",
] as const;

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// A leading =, +, - or @ makes a spreadsheet run the cell as a formula; an apostrophe defuses it. E.164 numbers
// are left exact: as a formula they are only a number.
const defused = (column: string) => `case when ${column} ~ '^[=+@\\t\\r-]' and ${column} !~ '^\\+[0-9]{6,15}$' then '''' || ${column} else ${column} end`;

const values: Record<(typeof exportColumns)[number], { csv: string; json: string }> = {
  position: { csv: "e.position", json: "e.position" },
  event_id: { csv: "e.id", json: "e.id" },
  occurred_at: { csv: iso("e.occurred_at"), json: iso("e.occurred_at") },
  recorded_at: { csv: iso("e.recorded_at"), json: iso("e.recorded_at") },
  phone: { csv: defused("c.phone"), json: "c.phone" },
  category: { csv: defused("e.category_key"), json: "e.category_key" },
  action: { csv: "e.action", json: "e.action" },
  channel: { csv: "e.channel", json: "e.channel" },
  opt_in_level: { csv: "e.opt_in_level", json: "e.opt_in_level" },
  form_version_id: { csv: "e.form_version_id", json: "e.form_version_id" },
  language: { csv: defused("e.language"), json: "e.language" },
  evidence: { csv: "e.evidence::text", json: "e.evidence" },
  actor: { csv: "e.actor::text", json: "e.actor" },
  ip: { csv: defused("p.ip"), json: "p.ip" },
  user_agent: { csv: defused("p.user_agent"), json: "p.user_agent" },
  note: { csv: defused("p.note"), json: "p.note" },
  prev_hash: { csv: "e.prev_hash", json: "e.prev_hash" },
  hash: { csv: "e.hash", json: "e.hash" },
};

export type ExportQuery = { text: string; params: unknown[] };

/**
 * The export's SELECT with $n placeholders. `afterPosition` and `limit` add the keyset batch; without them
 * it is the whole export, for COPY.
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
    where.push(`e.form_version_id in (select v.id from form_versions v join forms f on f.id = v.form_id where f.workspace_id = e.workspace_id and f.slug = ${p(filter.formSlug)})`);
  }
  if (batch) where.push(`e.position > ${p(batch.afterPosition)}`);
  const select =
    format === "csv"
      ? exportColumns.map((c) => `${values[c].csv} as ${c}`).join(", ")
      : `e.position, jsonb_build_object(${exportColumns.map((c) => `'${c}', ${values[c].json}`).join(", ")})::text as line`;
  const text = `select ${select}
    from consent_events e join contacts c on c.id = e.contact_id left join event_personal_data p on p.event_id = e.id
    where ${where.join(" and ")} order by e.position${batch ? ` limit ${Number(batch.limit)}` : ""}`;
  return { text, params };
}

/** The same query with its values written in as SQL literals, for COPY (which takes no parameters). */
export function inlineParams(query: ExportQuery, escapeLiteral: (value: string) => string): string {
  return query.text.replace(/\$(\d+)/g, (_, n: string) => escapeLiteral(String(query.params[Number(n) - 1])));
}
