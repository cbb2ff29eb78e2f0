import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { ValidationError } from "../errors";
import { queryRows } from "../ledger/lookups";
import { readQuery } from "./request-body";
import { defineApiRoute, json } from "./route";
import { decodeCursor, encodeCursor, type Cursor } from "../contacts/cursor";
import { eventsQuerySchema, type ledgerEventSchema } from "./schemas";

type LedgerEvent = z.infer<typeof ledgerEventSchema>;

/** The shared keyset cursor (lib/contacts/cursor.ts): the last row's recorded_at as PostgreSQL prints it, and its id. */
function afterCursor(raw: string): Cursor {
  const cursor = decodeCursor(raw);
  if (!cursor) throw new ValidationError([{ field: "cursor", code: "invalid_cursor", message: "use the nextCursor of a previous page" }]);
  return cursor;
}

const DAY_MS = 86_400_000;
const isDateOnly = (v: string) => v.length === 10;
/** A date alone means that whole UTC day, as in exports: `from` at its start, `to` at its end. */
const fromBound = (v: string) => new Date(isDateOnly(v) ? `${v}T00:00:00Z` : v).toISOString();
const toBound = (v: string) => (isDateOnly(v) ? new Date(Date.parse(`${v}T00:00:00Z`) + DAY_MS) : new Date(v)).toISOString();
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The workspace's ledger, oldest first, a page at a time (keyset on recorded_at, id: stable under appends). */
export const listEvents = defineApiRoute({
  name: "events.list",
  scope: "events:read",
  async handle({ db, principal, request }) {
    const q = readQuery(request, eventsQuerySchema);
    const after = q.cursor ? afterCursor(q.cursor) : null;
    const where: SQL[] = [sql`e.workspace_id = ${principal.workspace.id}`];
    if (q.from) where.push(sql`e.occurred_at >= ${fromBound(q.from)}::timestamptz`);
    if (q.to) where.push(sql`e.occurred_at < ${toBound(q.to)}::timestamptz`);
    if (q.category) where.push(sql`e.category_key = ${q.category}`);
    if (q.action) where.push(sql`e.action = ${q.action}`);
    if (q.channel) where.push(sql`e.channel = ${q.channel}`);
    if (after) where.push(sql`(e.recorded_at, e.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
    // recorded_at also as text: microseconds, which the ISO form drops, so the next page starts exactly after this one.
    const rows = await queryRows<LedgerEvent & { cursorAt: string }>(
      db,
      sql`select e.id, e.contact_id as "contactId", c.phone, c.bsuid as "userId", e.seq, e.command_id as "commandId", e.category_key as category, e.action,
          e.channel, e.opt_in_level as "optInLevel", e.form_version_id as "formVersionId", e.language,
          ${iso("e.occurred_at")} as "occurredAt", ${iso("e.recorded_at")} as "recordedAt", e.evidence, e.actor,
          e.prev_hash as "prevHash", e.hash, e.recorded_at::text as "cursorAt"
        from consent_events e join contacts c on c.id = e.contact_id
        where ${sql.join(where, sql` and `)}
        order by e.recorded_at, e.id
        limit ${q.limit + 1}`,
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > q.limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
    return json({ data: page.map(({ cursorAt: _, ...event }) => event), nextCursor });
  },
});

