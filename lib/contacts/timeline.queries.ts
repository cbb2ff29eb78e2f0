import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { keywordReplyEvidence } from "../db/schema/channels";
import { consentEvents, eventPersonalData } from "../db/schema/ledger";
import { evidenceFiles } from "../db/schema/imports";
import { formVersions, forms, messageCategories } from "../db/schema/forms";
import type { FormVersionContent } from "../db/schema/form-content";
import type { Actor, ConsentAction, EventChannel, Evidence, OptInLevel } from "../ledger/types";
import { wordingDelivery, type WordingDelivery } from "./wording-delivery";

export type TimelineEvent = {
  id: string;
  seq: number;
  commandId: string;
  categoryKey: string;
  categoryLabel: string;
  action: ConsentAction;
  channel: EventChannel;
  optInLevel: OptInLevel | null;
  occurredAt: Date;
  recordedAt: Date;
  language: string | null;
  evidence: Evidence;
  actor: Actor;
  hash: string;
  prevHash: string | null;
  form: { name: string; slug: string; version: number; versionId: string; digest: string } | null;
  /** The consent sentence exactly as the form version showed it for this category, in the event's language. */
  consentText: string | null;
  howToStop: string | null;
  /** Whether consentText was shown or sent, as the event and the provider's acceptance prove (null: no wording). */
  delivery: WordingDelivery | null;
  personal: { name: string | null; ip: string | null; userAgent: string | null; note: string | null };
  /** A paper event's scan: its digest, and when its content was erased with a person's data (null: still kept). */
  scan: { sha256: string; erasedAt: Date | null } | null;
};

/** Every event of one contact, oldest first, with the wording and evidence that make it proof. */
export async function findContactTimeline(db: DbOrTx, workspaceId: string, contactId: string): Promise<TimelineEvent[]> {
  const rows = await db
    .select({
      event: consentEvents,
      categoryLabel: messageCategories.label,
      personal: eventPersonalData,
      formName: forms.name,
      formSlug: forms.slug,
      formVersion: formVersions.version,
      formContent: formVersions.content,
      reply: {
        providerMessageId: keywordReplyEvidence.providerMessageId,
        acceptedAt: keywordReplyEvidence.acceptedAt,
        textSha256: keywordReplyEvidence.textSha256,
      },
      scan: { sha256: evidenceFiles.sha256, erasedAt: evidenceFiles.erasedAt },
    })
    .from(consentEvents)
    .innerJoin(messageCategories, eq(messageCategories.id, consentEvents.categoryId))
    .leftJoin(eventPersonalData, eq(eventPersonalData.eventId, consentEvents.id))
    .leftJoin(formVersions, eq(formVersions.id, consentEvents.formVersionId))
    .leftJoin(forms, eq(forms.id, formVersions.formId))
    .leftJoin(
      keywordReplyEvidence,
      and(
        eq(keywordReplyEvidence.workspaceId, consentEvents.workspaceId),
        eq(keywordReplyEvidence.inboundMessageId, sql`${consentEvents.evidence}->>'messageId'`),
      ),
    )
    .leftJoin(
      evidenceFiles,
      and(eq(evidenceFiles.workspaceId, consentEvents.workspaceId), eq(evidenceFiles.sha256, sql`${consentEvents.evidence}->>'documentDigest'`)),
    )
    .where(and(eq(consentEvents.workspaceId, workspaceId), eq(consentEvents.contactId, contactId)))
    .orderBy(asc(consentEvents.seq));

  return rows.map(({ event: e, categoryLabel, personal, formName, formSlug, formVersion, formContent, reply, scan }) => {
    const wording = formContent ? wordingFor(formContent, e.language) : undefined;
    const consentText = wording?.consent[e.categoryKey] ?? null;
    return {
      id: e.id,
      seq: e.seq,
      commandId: e.commandId,
      categoryKey: e.categoryKey,
      categoryLabel,
      action: e.action,
      channel: e.channel,
      optInLevel: e.optInLevel,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      language: e.language,
      evidence: e.evidence,
      actor: e.actor,
      hash: e.hash,
      prevHash: e.prevHash,
      form:
        formName && formSlug && formVersion !== null && e.formVersionId && e.formVersionDigest
          ? { name: formName, slug: formSlug, version: formVersion, versionId: e.formVersionId, digest: e.formVersionDigest }
          : null,
      consentText,
      howToStop: wording?.howToStop ?? null,
      delivery: consentText
        ? wordingDelivery(e, reply?.providerMessageId ? { providerMessageId: reply.providerMessageId, acceptedAt: reply.acceptedAt! } : null)
        : null,
      personal: { name: personal?.name ?? null, ip: personal?.ip ?? null, userAgent: personal?.userAgent ?? null, note: personal?.note ?? null },
      scan: scan?.sha256 ? { sha256: scan.sha256, erasedAt: scan.erasedAt } : null,
    };
  });
}

function wordingFor(content: FormVersionContent, language: string | null) {
  return content.languages[language ?? content.defaultLanguage] ?? content.languages[content.defaultLanguage];
}

/** When the contact last wrote on WhatsApp, and whether that still holds the 24-hour service window open. */
export type LastInbound = { at: Date; windowClosesAt: Date; open: boolean };

/**
 * Found by the contact's digests, which survive erasure (the window rows do not: erasure deletes them). Any of
 * the workspace's WhatsApp numbers counts, as in the consent check; the database's clock decides openness.
 */
export async function findLastInbound(db: DbOrTx, workspaceId: string, contactId: string): Promise<LastInbound | null> {
  const [row] = await queryRows<{ at: string | null; open: boolean | null }>(
    db,
    sql`select max(sw.last_inbound_at)::text as at, max(sw.last_inbound_at) > now() - interval '24 hours' as open
      from contacts c join service_windows sw on sw.workspace_id = c.workspace_id and sw.subject_digest in (c.phone_digest, c.bsuid_digest)
      where c.workspace_id = ${workspaceId} and c.id = ${contactId}`,
  );
  if (!row?.at) return null;
  const at = new Date(row.at);
  return { at, windowClosesAt: new Date(at.getTime() + 24 * 3600_000), open: row.open === true };
}
