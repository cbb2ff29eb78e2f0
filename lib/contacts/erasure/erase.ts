import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { queryRows } from "../../db/sql";
import { auditLog } from "../../db/schema/access";
import { inboundDeadLetters } from "../../db/schema/channels";
import { contacts, eventPersonalData, idempotencyKeys } from "../../db/schema/ledger";
import { NotFoundError } from "../../errors";
import { revokePreferenceTokens } from "../../preferences/tokens";
import { retireConfirmationCodes } from "../../confirmations/codes";
import { eraseImportFiles, eraseScans } from "./files";
import { optOutOfEverything, type ErasedContact } from "./opt-out";
import { phoneForms } from "../../phone/written-forms";
import { scrubText } from "./scrub";

export type EraseRequest = {
  workspaceId: string;
  contactId: string;
  /** Who asked for it and why: goes to the staff audit log in the same transaction. */
  actor: { userId: string | null; label: string };
  reason: string;
  request?: { ip?: string; userAgent?: string; requestId?: string };
};

export type EraseResult = { eventsErased: number; optedOut: number; scansErased: number; importsErased: number };

/**
 * Erases a contact's personal data so that only digests are left, in ONE transaction. First the person is opted out
 * of every category (ledger events, so the check answers "opted_out" from then on); then every plain trace goes:
 * the number, BSUID and name on the contact; the names, IPs, user agents and notes of its events; the content of
 * its paper scans and of every import file with a row for its number (and those files' names); its preference
 * links and confirmation codes; its stored API receipts; its dead letters' content; its service windows; the
 * rate-limit counters kept under its IP addresses; and the receivers' answers to webhooks about it. The audit log is
 * append-only (a trigger refuses UPDATE and DELETE), so no entry is written with a person's plain data in it; this
 * one's reason is scrubbed of the number and name before it is written. The events keep only salted digests, so every chain still verifies, and the same number given
 * again meets its history. Nothing of it is kept in files outside the database, so nothing is left to delete after
 * the commit. What stays, and why: docs/ledger.md#erasure.
 */
export async function erasePersonalData(db: Db, req: EraseRequest): Promise<EraseResult> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [contact] = await queryRows<ErasedContact & { name: string | null; defaultCountry: string }>(
      tx,
      sql`select c.id, c.workspace_id as "workspaceId", c.phone, c.bsuid, c.name, w.default_country as "defaultCountry"
        from contacts c join workspaces w on w.id = c.workspace_id
        where c.id = ${req.contactId} and c.workspace_id = ${req.workspaceId} for update of c`,
    );
    if (!contact) throw new NotFoundError("The contact");
    const optedOut = await optOutOfEverything(tx, contact, req.actor);
    // Read before they go: what free text elsewhere may repeat, and the addresses rate limits are counted under.
    const personal = await queryRows<{ name: string | null; ip: string | null }>(
      tx,
      sql`select distinct name, ip from event_personal_data where workspace_id = ${req.workspaceId} and contact_id = ${req.contactId}`,
    );
    const needles = [...(contact.phone ? phoneForms(contact.phone) : []), contact.bsuid, contact.name, ...personal.map((p) => p.name)].filter(
      (n): n is string => Boolean(n),
    );

    await tx
      .update(contacts)
      .set({ phone: null, bsuid: null, name: null, erasedAt: now, updatedAt: now })
      .where(and(eq(contacts.id, req.contactId), eq(contacts.workspaceId, req.workspaceId)));
    const erased = await tx
      .delete(eventPersonalData)
      .where(and(eq(eventPersonalData.contactId, req.contactId), eq(eventPersonalData.workspaceId, req.workspaceId)))
      .returning({ eventId: eventPersonalData.eventId });
    const scansErased = await eraseScans(tx, contact, now);
    const importsErased = await eraseImportFiles(tx, contact, contact.defaultCountry, now);
    // A preference link would show the person's choices and let anyone holding it change them; it dies with the data.
    await revokePreferenceTokens(tx, req.workspaceId, req.contactId);
    // So do the receipt's confirmation codes: none may confirm (or be matched to a sender) after erasure.
    await retireConfirmationCodes(tx, req.workspaceId, req.contactId);
    // Stored API receipts repeat the phone number and BSUID; a retry after erasure is simply treated as new.
    await tx
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, req.workspaceId), sql`${idempotencyKeys.receipt}->>'contactId' = ${req.contactId}`));
    const deadLetters = await eraseDeadLetters(tx, req, now);
    await eraseSideRecords(
      tx,
      req,
      personal.flatMap((p) => (p.ip ? [p.ip] : [])),
    );
    await tx.insert(auditLog).values({
      workspaceId: req.workspaceId,
      actorUserId: req.actor.userId,
      actorLabel: req.actor.label,
      action: "contact.erase",
      targetType: "contact",
      targetId: req.contactId,
      // The reason is staff's own words and may repeat the person's number or name: those are scrubbed out.
      detail: {
        reason: scrubText(req.reason, needles),
        eventsErased: erased.length,
        optedOut,
        scansErased,
        importsErased: importsErased.length,
        deadLettersErased: deadLetters,
      },
      ip: req.request?.ip ?? null,
      userAgent: req.request?.userAgent ?? null,
      requestId: req.request?.requestId ?? null,
    });
    return { eventsErased: erased.length, optedOut, scansErased, importsErased: importsErased.length };
  });
}

/**
 * Dead-lettered inbound items from this number (an unreadable STOP, a failed one) hold the raw message: its content
 * goes, the row stays as the record that something arrived. Matched by the digests kept beside it: the number's,
 * or the BSUID's for an item from a username user.
 */
async function eraseDeadLetters(tx: Tx, req: EraseRequest, now: Date): Promise<number> {
  const rows = await tx
    .update(inboundDeadLetters)
    .set({ rawSealed: null, erasedAt: now })
    .where(
      and(
        eq(inboundDeadLetters.workspaceId, req.workspaceId),
        isNull(inboundDeadLetters.erasedAt),
        sql`exists (select 1 from contacts c where c.id = ${req.contactId}
          and (c.phone_digest = ${inboundDeadLetters.phoneDigest} or c.bsuid_digest = ${inboundDeadLetters.bsuidDigest}))`,
      ),
    )
    .returning({ id: inboundDeadLetters.id });
  return rows.length;
}

/** The records about the person that are no consent evidence: when they last wrote, counters, receivers' answers. */
async function eraseSideRecords(tx: Tx, req: EraseRequest, ips: string[]) {
  // When the person last wrote is about them too: the windows kept under their number's or BSUID's digest go.
  await tx.execute(
    sql`delete from service_windows sw using contacts c
      where c.id = ${req.contactId} and c.workspace_id = ${req.workspaceId} and sw.workspace_id = c.workspace_id
        and sw.subject_digest in (c.phone_digest, c.bsuid_digest)`,
  );
  // So is a keyword's numbered question still waiting for their answer: an erased person's "2" must not opt in.
  await tx.execute(
    sql`delete from keyword_choice_requests q using contacts c
      where c.id = ${req.contactId} and c.workspace_id = ${req.workspaceId} and q.workspace_id = c.workspace_id
        and q.subject_digest = c.phone_digest`,
  );
  // Public endpoints count attempts per address under "<rule>:<ip>" (the number is counted by digest). The person's
  // addresses go: at worst the next attempt from that address starts a fresh window.
  for (const ip of new Set(ips)) {
    await tx.execute(sql`delete from rate_limit_buckets where right(key, ${ip.length + 1}) = ${`:${ip}`}`);
  }
  // A receiver's answer to a webhook about the person may echo the body, number included (added at send time).
  await tx.execute(
    sql`update webhook_attempts a set response_excerpt = null
      from webhook_deliveries d join outbox o on o.id = d.outbox_id
      where a.delivery_id = d.id and d.workspace_id = ${req.workspaceId} and o.payload->>'contactId' = ${req.contactId}
        and a.response_excerpt is not null`,
  );
}
