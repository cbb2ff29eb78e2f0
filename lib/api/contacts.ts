import "server-only";
import { sql } from "drizzle-orm";
import { NotFoundError } from "../errors";
import { queryRows } from "../db/sql";
import type { ConsentAction, EventChannel, OptInLevel } from "../ledger/types";
import { bsuidDigestStrict, phoneDigestStrict } from "./phone-digest";
import { defineApiRoute, json } from "./route";

type Row = {
  contact_id: string;
  phone: string | null;
  bsuid: string | null;
  category: string | null;
  retired: boolean;
  state: "opted_in" | "opted_out";
  opt_in_level: OptInLevel | null;
  changed_at: string;
  event_id: string;
  action: ConsentAction;
  channel: EventChannel;
  occurred_at: string;
  recorded_at: string;
};

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Next.js may hand the segment over still percent-encoded (%2B for +); a malformed escape is left as sent. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A BSUID starts with its two-letter country and a period (US.1349…); a number never does. */
const looksLikeBsuid = (segment: string) => /^[A-Za-z]{2}\./.test(segment);

/**
 * A contact's current state per category, each with the event that set it, found by its number or its WhatsApp
 * BSUID. Other workspaces' contacts are not found.
 */
export const getContact = defineApiRoute({
  name: "contacts.get",
  scope: "consents:read",
  async handle({ db, principal, params }) {
    const segment = decodedSegment(params.phone ?? "");
    const match = looksLikeBsuid(segment)
      ? sql`c.bsuid_digest = ${bsuidDigestStrict(principal.workspace, segment, "phone")}`
      : sql`c.phone_digest = ${phoneDigestStrict(principal.workspace, segment).digest}`;
    const rows = await queryRows<Row>(
      db,
      sql`select c.id as contact_id, c.phone, c.bsuid, m.key as category, m.retired_at is not null as retired, s.state, s.opt_in_level,
          ${iso("s.changed_at")} as changed_at, e.id as event_id, e.action, e.channel,
          ${iso("e.occurred_at")} as occurred_at, ${iso("e.recorded_at")} as recorded_at
        from contacts c
        left join subscriptions s on s.contact_id = c.id
        left join message_categories m on m.id = s.category_id
        left join consent_events e on e.id = s.event_id
        where c.workspace_id = ${principal.workspace.id} and ${match}
        order by m.key`,
    );
    const first = rows[0];
    if (!first) throw new NotFoundError("A contact with this number");
    return json({
      contactId: first.contact_id,
      phone: first.phone,
      userId: first.bsuid,
      categories: rows
        .filter((r) => r.category !== null)
        .map((r) => ({
          category: r.category,
          retired: r.retired,
          state: r.state,
          optInLevel: r.opt_in_level,
          changedAt: r.changed_at,
          event: { id: r.event_id, action: r.action, channel: r.channel, occurredAt: r.occurred_at, recordedAt: r.recorded_at },
        })),
    });
  },
});
