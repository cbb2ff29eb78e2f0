import "server-only";
import { and, asc, count, eq, gt, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { consentEvents, contacts, eventPersonalData } from "../db/schema/ledger";
import { formVersions, forms } from "../db/schema/forms";
import type { ConsentAction, EventChannel } from "../ledger/types";
import { csvRow } from "./csv";

export const exportColumns = [
  "position", "event_id", "occurred_at", "recorded_at", "phone", "category", "action", "channel", "opt_in_level",
  "form_version_id", "language", "evidence", "actor", "ip", "user_agent", "note", "prev_hash", "hash",
] as const;

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

const BATCH = 2000;

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
  const [row] = await db.select({ n: count() }).from(consentEvents).where(and(...filterConditions(filter)));
  return Number(row?.n ?? 0);
}

/**
 * The workspace's consent events in ledger order, as CSV or JSON Lines chunks. Read in keyset batches, so
 * memory stays flat whatever the size; the consumer's backpressure paces the reads.
 */
export async function* exportEvents(db: DbOrTx, filter: ExportFilter, format: ExportFormat): AsyncGenerator<string> {
  if (format === "csv") yield csvRow([...exportColumns]);
  let after = 0;
  for (;;) {
    const rows = await db
      .select({
        position: consentEvents.position, event_id: consentEvents.id, occurred_at: consentEvents.occurredAt,
        recorded_at: consentEvents.recordedAt, phone: contacts.phone, category: consentEvents.categoryKey,
        action: consentEvents.action, channel: consentEvents.channel, opt_in_level: consentEvents.optInLevel,
        form_version_id: consentEvents.formVersionId, language: consentEvents.language, evidence: consentEvents.evidence,
        actor: consentEvents.actor, ip: eventPersonalData.ip, user_agent: eventPersonalData.userAgent,
        note: eventPersonalData.note, prev_hash: consentEvents.prevHash, hash: consentEvents.hash,
      })
      .from(consentEvents)
      .innerJoin(contacts, eq(contacts.id, consentEvents.contactId))
      .leftJoin(eventPersonalData, eq(eventPersonalData.eventId, consentEvents.id))
      .where(and(gt(consentEvents.position, after), ...filterConditions(filter)))
      .orderBy(asc(consentEvents.position))
      .limit(BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => (format === "csv" ? csvRow(exportColumns.map((c) => r[c])) : `${JSON.stringify(r)}\n`)).join("");
    after = rows[rows.length - 1]!.position;
  }
}
