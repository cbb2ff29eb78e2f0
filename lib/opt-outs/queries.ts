import "server-only";
import { aliasedTable, and, desc, eq, gte, lt, ne, sql, type SQL } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../contacts/cursor";
import type { DbOrTx } from "../db/client";
import { consentEvents, contacts, outbox } from "../db/schema/ledger";
import { formVersions, forms, messageCategories } from "../db/schema/forms";
import type { EventChannel } from "../ledger/types";
import { howTheyAsked } from "./how-they-asked";

export type OptOutFilter = { category?: string; channel?: EventChannel; form?: string; before?: string };
export type OptOutRow = {
  position: number;
  eventId: string;
  contactId: string;
  phone: string | null;
  bsuid: string | null;
  categoryLabel: string;
  channel: EventChannel;
  /** How they said stop, in words (how-they-asked.ts). */
  how: string;
  /** The form and channel of the opt-in this opt-out undoes: where they had signed up. */
  formName: string | null;
  signedUpThrough: EventChannel | null;
  occurredAt: Date;
  recordedAt: Date;
  /** The outgoing webhook that tells the business: when it was delivered, or why not yet. */
  notice: OptOutNotice;
};

/** none: no endpoint takes opt-outs; pending: queued or being retried; dead: every endpoint's retries failed. */
export type OptOutNotice = { status: "pending" | "delivered" | "dead" | "none"; deliveredAt: Date | null; attempts: number };
type DeliverySummary = { count: number; deliveredAt: string | null; pending: number; attempts: number };

function noticeOf(outboxStatus: string | null, d: DeliverySummary | null): OptOutNotice {
  if (outboxStatus === "pending") return { status: "pending", deliveredAt: null, attempts: 0 };
  if (!outboxStatus || !d || d.count === 0) return { status: "none", deliveredAt: null, attempts: 0 };
  if (d.deliveredAt) return { status: "delivered", deliveredAt: new Date(d.deliveredAt), attempts: d.attempts };
  return { status: d.pending > 0 ? "pending" : "dead", deliveredAt: null, attempts: d.attempts };
}

export const OPT_OUTS_PAGE_SIZE = 50;

/**
 * Recent opt-out events, most recently recorded first (keyset), each with the delivery of the webhook
 * that carried it to the business, so compliance staff see how long "honoured at once" really took. Each is
 * attributed to the form and channel of the opt-in it undoes, as the Overview's opt-out rates are, and the form
 * filter follows that attribution.
 */
export async function findRecentOptOuts(db: DbOrTx, workspaceId: string, filter: OptOutFilter) {
  const where: (SQL | undefined)[] = [
    eq(consentEvents.workspaceId, workspaceId),
    eq(consentEvents.action, "opt_out"),
    filter.category ? eq(consentEvents.categoryKey, filter.category) : undefined,
    filter.channel ? eq(consentEvents.channel, filter.channel) : undefined,
    filter.form ? eq(forms.slug, filter.form) : undefined,
  ];
  // The opt-in this opt-out undoes, exactly as the Overview's rollups attribute it (lib/quality/fold.ts): the
  // contact's latest earlier opt-in or opt-out of the category, when that is an opt-in. One lateral lookup per row
  // (one probe of consent_events_contact_seq) gives both its channel and its form version.
  const u = aliasedTable(consentEvents, "u");
  const undone = db
    .select({
      channel: sql<EventChannel | null>`case when ${u.action} = 'opt_in' then ${u.channel} end`.as("undone_channel"),
      formVersionId: sql<string | null>`case when ${u.action} = 'opt_in' then ${u.formVersionId} end`.as("undone_form_version_id"),
    })
    .from(u)
    .where(and(eq(u.contactId, consentEvents.contactId), eq(u.categoryId, consentEvents.categoryId), ne(u.action, "confirm"), lt(u.seq, consentEvents.seq)))
    .orderBy(desc(u.seq))
    .limit(1)
    .as("undone");
  const cursor = decodeCursor(filter.before);
  if (cursor) where.push(sql`(${consentEvents.recordedAt}, ${consentEvents.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      position: consentEvents.position,
      eventId: consentEvents.id,
      contactId: consentEvents.contactId,
      phone: contacts.phone,
      bsuid: contacts.bsuid,
      categoryLabel: messageCategories.label,
      channel: consentEvents.channel,
      evidence: consentEvents.evidence,
      formName: forms.name,
      signedUpThrough: undone.channel,
      occurredAt: consentEvents.occurredAt,
      recordedAt: consentEvents.recordedAt,
      outboxStatus: outbox.status,
      // Per endpoint deliveries of this opt-out: the first success is when the business was told.
      deliveries: sql<DeliverySummary | null>`(select jsonb_build_object(
          'count', count(*), 'deliveredAt', min(d.delivered_at) filter (where d.status = 'delivered'),
          'pending', count(*) filter (where d.status = 'pending'), 'attempts', coalesce(max(d.attempts), 0))
        from webhook_deliveries d where d.outbox_id = ${outbox.id})`,
      sortKey: sql<string>`${consentEvents.recordedAt}::text`,
    })
    .from(consentEvents)
    .innerJoin(contacts, eq(contacts.id, consentEvents.contactId))
    .innerJoin(messageCategories, eq(messageCategories.id, consentEvents.categoryId))
    .leftJoinLateral(undone, sql`true`)
    .leftJoin(formVersions, eq(formVersions.id, undone.formVersionId))
    .leftJoin(forms, eq(forms.id, formVersions.formId))
    .leftJoin(
      outbox,
      and(eq(outbox.workspaceId, workspaceId), sql`${outbox.payload}->>'commandId' = ${consentEvents.commandId}::text`, eq(outbox.topic, "consent.opt_out")),
    )
    .where(and(...where))
    .orderBy(desc(consentEvents.recordedAt), desc(consentEvents.id))
    .limit(OPT_OUTS_PAGE_SIZE + 1);
  const page = rows.slice(0, OPT_OUTS_PAGE_SIZE);
  return {
    rows: page.map(
      ({ outboxStatus, deliveries, sortKey: _, evidence, ...r }): OptOutRow => ({
        ...r,
        how: howTheyAsked(r.channel, evidence as Record<string, unknown>),
        notice: noticeOf(outboxStatus, deliveries),
      }),
    ),
    nextBefore: rows.length > OPT_OUTS_PAGE_SIZE ? encodeCursor({ at: page.at(-1)!.sortKey, id: page.at(-1)!.eventId }) : undefined,
  };
}

/** Opt-outs per category in the last `days` days: the at-a-glance line above the list. */
export async function countOptOutsByCategory(db: DbOrTx, workspaceId: string, days: number, now = new Date()) {
  return db
    .select({ key: consentEvents.categoryKey, label: messageCategories.label, n: sql<number>`count(*)::int` })
    .from(consentEvents)
    .innerJoin(messageCategories, eq(messageCategories.id, consentEvents.categoryId))
    .where(
      and(
        eq(consentEvents.workspaceId, workspaceId),
        eq(consentEvents.action, "opt_out"),
        gte(consentEvents.occurredAt, new Date(now.getTime() - days * 86_400_000)),
      ),
    )
    .groupBy(consentEvents.categoryKey, messageCategories.label)
    .orderBy(desc(sql`count(*)`));
}
