import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { equalsAnyOf } from "../db/prepared-statements";
import { queryRows } from "../db/sql";
import type { ConsentAction, EventChannel, OptInLevel } from "../ledger/types";

export type SubscriptionFact = {
  phone_digest: string | null;
  bsuid_digest: string | null;
  state: "opted_in" | "opted_out";
  opt_in_level: OptInLevel | null;
  event_id: string;
  action: ConsentAction;
  channel: EventChannel;
  occurred_at: string;
  recorded_at: string;
};

/** A person's latest message to any of the workspace's WhatsApp numbers, found by the digest asked about. */
export type WindowFact = { digest: string; closes_at: string; open: boolean };

/** null: no such category in the workspace. `windows` only when asked for (kind=session). */
export type CheckFacts = {
  category: { id: string; retired: boolean };
  requireConfirmation: boolean;
  facts: SubscriptionFact[];
  windows: WindowFact[];
} | null;

type Row = { category_id: string; retired: boolean; require_confirmation: boolean; windows?: WindowFact[] | string | null } & (
  | { event_id: null }
  | SubscriptionFact
);

/** The digests to look for: numbers' and BSUIDs'. A contact is found by either. */
export type CheckDigests = { phones: string[]; bsuids: string[] };

/**
 * The category and the current state in it of many numbers, in ONE statement and one round trip: the
 * digests go as a single array parameter (`= ANY($n)`), one index probe each. It reads the primary
 * database directly, never a cache, so an opt-out is seen by the very next check. A retired category's
 * subscriptions are not read: the answer does not depend on them. The workspace's confirmation rule is read
 * here too, not taken from the (briefly remembered) API key, so a change to it applies to the next check.
 */
export async function findCheckFacts(
  db: DbOrTx,
  workspaceId: string,
  categoryKey: string,
  digests: CheckDigests,
  options: { windows?: boolean; businessNumber?: string } = {},
): Promise<CheckFacts> {
  // Only the identifiers asked for are in the statement, so a check by numbers alone probes only their index.
  const matches = [
    ...(digests.phones.length > 0 || digests.bsuids.length === 0 ? [equalsAnyOf(sql`c.phone_digest`, digests.phones, "text")] : []),
    ...(digests.bsuids.length > 0 ? [equalsAnyOf(sql`c.bsuid_digest`, digests.bsuids, "text")] : []),
  ];
  const rows = await queryRows<Row>(
    db,
    sql`select m.id as category_id, m.retired_at is not null as retired, w.require_confirmation, ${options.windows ? windowsColumn(workspaceId, digests, options.businessNumber) : sql``} f.*
      from message_categories m
      join workspaces w on w.id = m.workspace_id
      left join lateral (
        select c.phone_digest, c.bsuid_digest, s.state, s.opt_in_level, s.event_id, e.action, e.channel,
          to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
          to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at
        from contacts c
        join subscriptions s on s.contact_id = c.id and s.category_id = m.id
        join consent_events e on e.id = s.event_id
        where c.workspace_id = ${workspaceId} and (${sql.join(matches, sql` or `)}) and m.retired_at is null
          -- Erased by a version that did not opt the person out first, and not given again since (any new command
          -- sets an identifier again): that opt-in cannot be shown to be theirs any more, so it allows nothing.
          and not (s.state = 'opted_in' and c.erased_at is not null and c.phone is null and c.bsuid is null)
      ) f on true
      where m.workspace_id = ${workspaceId} and m.key = ${categoryKey}`,
  );
  const first = rows[0];
  if (!first) return null;
  return {
    category: { id: first.category_id, retired: first.retired },
    requireConfirmation: first.require_confirmation,
    facts: rows.filter((r): r is Row & SubscriptionFact => r.event_id !== null),
    windows: typeof first.windows === "string" ? (JSON.parse(first.windows) as WindowFact[]) : (first.windows ?? []),
  };
}

/**
 * For a session check, the same statement also reads the service windows (the primary key's prefix, one probe
 * per digest), as one JSON column repeated on each row, so kind=session costs no extra round trip either. The
 * window's openness is the database's clock, the one that dated the message.
 * A person who wrote under their BSUID (a username user) and is known to the business by number too, or the
 * other way round, opened one window: each digest asked about also looks under the other identifier of its
 * contact, and the answer is filed under the digest asked about.
 */
function windowsColumn(workspaceId: string, digests: CheckDigests, businessNumber: string | undefined) {
  const all = [...digests.phones, ...digests.bsuids];
  // The contacts' other identifier, for each digest asked about: (asked, other) pairs, the same two ways round.
  const otherOf = (asked: "phone_digest" | "bsuid_digest", other: "phone_digest" | "bsuid_digest", values: string[]) =>
    values.length === 0
      ? []
      : [
          sql`select c.${sql.raw(asked)}, c.${sql.raw(other)} from contacts c
            where c.workspace_id = ${workspaceId} and c.${sql.raw(other)} is not null and ${equalsAnyOf(sql.raw(`c.${asked}`), values, "text")}`,
        ];
  const linked = [...otherOf("phone_digest", "bsuid_digest", digests.phones), ...otherOf("bsuid_digest", "phone_digest", digests.bsuids)];
  const subjects = sql.join([sql`select d, d from unnest(${sql.param(all)}::text[]) d`, ...linked], sql` union all `);
  return sql`(select coalesce(json_agg(json_build_object('digest', x.asked, 'open', x.last > now() - interval '24 hours',
      'closes_at', to_char((x.last + interval '24 hours') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '[]'::json)
    from (select s.asked, max(sw.last_inbound_at) as last
      from (${subjects}) as s(asked, subject)
      join service_windows sw on sw.workspace_id = ${workspaceId} and sw.subject_digest = s.subject
        ${businessNumber === undefined ? sql`` : sql`and sw.business_number = ${businessNumber}`}
      group by s.asked) x) as windows,`;
}
