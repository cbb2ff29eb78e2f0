import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { ValidationError } from "../errors";
import { queryRows } from "../db/sql";
import { readQuery } from "./request-body";
import { defineApiRoute, json } from "./route";
import { decodeEventsCursor, encodeEventsCursor } from "./events-cursor";
import { eventsQuerySchema, type ledgerEventSchema } from "./schemas";
import type { Db } from "../db/client";

type LedgerEvent = z.infer<typeof ledgerEventSchema>;

const invalidCursor = () => new ValidationError([{ field: "cursor", code: "invalid_cursor", message: "use the nextCursor or syncCursor of a previous page" }]);

/** The commit-order key to continue after; a cursor of the former order is looked up as the event it names. */
async function afterKey(db: Db, workspaceId: string, raw: string): Promise<{ tx: string; position: string }> {
  const cursor = decodeEventsCursor(raw);
  if (!cursor) throw invalidCursor();
  if (cursor.kind === "commit") return cursor;
  const [event] = await queryRows<{ tx: string; position: string }>(
    db,
    sql`select tx_id::text as tx, position::text as position from consent_events where id = ${cursor.id} and workspace_id = ${workspaceId}`,
  );
  if (!event) throw invalidCursor();
  return event;
}

const DAY_MS = 86_400_000;
const isDateOnly = (v: string) => v.length === 10;
/** A date alone means that whole UTC day, as in exports: `from` at its start, `to` at its end. */
const fromBound = (v: string) => new Date(isDateOnly(v) ? `${v}T00:00:00Z` : v).toISOString();
const toBound = (v: string) => (isDateOnly(v) ? new Date(Date.parse(`${v}T00:00:00Z`) + DAY_MS) : new Date(v)).toISOString();
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The workspace's ledger a page at a time, in commit order: keyset on (tx_id, position), where tx_id is the
 * writing transaction's id. A position or a timestamp is taken before its transaction commits, so paging by
 * either skips an event that commits after a later one was shown. Here a page holds only events of
 * transactions older than the snapshot's xmin (every transaction below it has ended, and no new one can get an
 * id below it), so nothing can later appear behind a cursor: a client following it sees every event exactly
 * once, while appends stay as parallel as before. An event shows up once its transaction and every older
 * still-running one have ended (milliseconds for appends; a long write transaction anywhere on the server holds
 * the feed back until it ends).
 */
export const listEvents = defineApiRoute({
  name: "events.list",
  scope: "events:read",
  async handle({ db, principal, request }) {
    const q = readQuery(request, eventsQuerySchema);
    const after = q.cursor ? await afterKey(db, principal.workspace.id, q.cursor) : null;
    const where: SQL[] = [sql`e.workspace_id = ${principal.workspace.id}`];
    if (q.from) where.push(sql`e.occurred_at >= ${fromBound(q.from)}::timestamptz`);
    if (q.to) where.push(sql`e.occurred_at < ${toBound(q.to)}::timestamptz`);
    if (q.category) where.push(sql`e.category_key = ${q.category}`);
    if (q.action) where.push(sql`e.action = ${q.action}`);
    if (q.channel) where.push(sql`e.channel = ${q.channel}`);
    if (after) where.push(sql`(e.tx_id, e.position) > (${after.tx}::bigint, ${after.position}::bigint)`);
    // The horizon and the rows come from the same statement, hence the same snapshot: every transaction below
    // it had ended before that snapshot was taken, so all of their events are in it. The lateral join keeps the
    // horizon when no event matches.
    const rows = await queryRows<
      Partial<LedgerEvent> & { tx: string | null; position: string | null; tx_order: unknown; position_order: unknown; horizon: string }
    >(
      db,
      sql`with h as (select (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint as horizon)
        select p.*, h.horizon::text as horizon from h left join lateral (
          select e.id, e.contact_id as "contactId", c.phone, c.bsuid as "userId", e.seq, e.command_id as "commandId", e.category_key as category, e.action,
            e.channel, e.opt_in_level as "optInLevel", e.form_version_id as "formVersionId", e.language,
            ${iso("e.occurred_at")} as "occurredAt", ${iso("e.recorded_at")} as "recordedAt", e.evidence, e.actor,
            e.prev_hash as "prevHash", e.hash, e.tx_id::text as tx, e.position::text as position, e.tx_id as tx_order, e.position as position_order
          from consent_events e join contacts c on c.id = e.contact_id
          where ${sql.join(where, sql` and `)} and e.tx_id < h.horizon
          order by e.tx_id, e.position
          limit ${q.limit + 1}) p on true
        order by p.tx_order, p.position_order`,
    );
    const horizon = rows[0]!.horizon;
    const found = rows.filter((r) => r.id != null);
    const page = found.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor = found.length > q.limit && last ? encodeEventsCursor(last.tx!, last.position!) : null;
    const data = page.map(({ tx: _t, position: _p, tx_order: _to, position_order: _po, horizon: _h, ...event }) => event as LedgerEvent);
    return json({ data, nextCursor, syncCursor: nextCursor ?? caughtUpCursor(after, horizon) });
  },
});

/**
 * Where to resume once caught up: every event not handed out yet belongs to a transaction at or above the
 * horizon, so the client resumes there and skips, on its next poll, the events its filters leave out.
 */
function caughtUpCursor(after: { tx: string; position: string } | null, horizon: string): string {
  // Never behind where the client already was (the horizon only grows, but the cursor may be that horizon).
  if (after && BigInt(after.tx) >= BigInt(horizon)) return encodeEventsCursor(after.tx, after.position);
  return encodeEventsCursor(horizon, "0");
}
