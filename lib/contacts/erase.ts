import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema/access";
import { inboundDeadLetters } from "../db/schema/channels";
import { contacts, eventPersonalData, idempotencyKeys } from "../db/schema/ledger";
import { NotFoundError } from "../errors";
import { revokePreferenceTokens } from "../preferences/tokens";
import { retireConfirmationCodes } from "../confirmations/codes";

export type EraseRequest = {
  workspaceId: string;
  contactId: string;
  /** Who asked for it and why: goes to the staff audit log in the same transaction. */
  actor: { userId: string | null; label: string };
  reason: string;
  request?: { ip?: string; userAgent?: string; requestId?: string };
};

/**
 * Erases a contact's personal data: the plain phone, WhatsApp BSUID, name, IPs, user agents and notes. The events keep
 * only salted digests, so every chain still verifies, and the same number given again meets its history.
 * The contact's preference-centre links are revoked in the same transaction, and the raw content of inbound
 * items from their number or BSUID that were kept as dead letters is deleted.
 */
export async function erasePersonalData(db: Db, req: EraseRequest): Promise<{ eventsErased: number }> {
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .update(contacts)
      .set({ phone: null, bsuid: null, name: null, erasedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(contacts.id, req.contactId), eq(contacts.workspaceId, req.workspaceId)))
      .returning({ id: contacts.id });
    if (!contact) throw new NotFoundError("The contact");
    const erased = await tx
      .delete(eventPersonalData)
      .where(and(eq(eventPersonalData.contactId, req.contactId), eq(eventPersonalData.workspaceId, req.workspaceId)))
      .returning({ eventId: eventPersonalData.eventId });
    // A preference link would show the person's choices and let anyone holding it change them; it dies with the data.
    await revokePreferenceTokens(tx, req.workspaceId, req.contactId);
    // So do the receipt's confirmation codes: none may confirm (or be matched to a sender) after erasure.
    await retireConfirmationCodes(tx, req.workspaceId, req.contactId);
    // Stored API receipts repeat the phone number and BSUID; a retry after erasure is simply treated as new.
    await tx
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, req.workspaceId), sql`${idempotencyKeys.receipt}->>'contactId' = ${req.contactId}`));
    // Dead-lettered inbound items from this number (an unreadable STOP, a failed one) hold the raw message: its
    // content goes, the row stays as the record that something arrived. Matched by the digests kept beside it:
    // the number's, or the BSUID's for an item from a username user.
    const deadLetters = await tx
      .update(inboundDeadLetters)
      .set({ rawSealed: null, erasedAt: new Date() })
      .where(
        and(
          eq(inboundDeadLetters.workspaceId, req.workspaceId),
          isNull(inboundDeadLetters.erasedAt),
          sql`exists (select 1 from contacts c where c.id = ${req.contactId}
            and (c.phone_digest = ${inboundDeadLetters.phoneDigest} or c.bsuid_digest = ${inboundDeadLetters.bsuidDigest}))`,
        ),
      )
      .returning({ id: inboundDeadLetters.id });
    // When the person last wrote is about them too: the windows kept under their number's or BSUID's digest go.
    await tx.execute(
      sql`delete from service_windows sw using contacts c
        where c.id = ${req.contactId} and c.workspace_id = ${req.workspaceId} and sw.workspace_id = c.workspace_id
          and sw.subject_digest in (c.phone_digest, c.bsuid_digest)`,
    );
    await tx.insert(auditLog).values({
      workspaceId: req.workspaceId,
      actorUserId: req.actor.userId,
      actorLabel: req.actor.label,
      action: "contact.erase",
      targetType: "contact",
      targetId: req.contactId,
      detail: { reason: req.reason, eventsErased: erased.length, deadLettersErased: deadLetters.length },
      ip: req.request?.ip ?? null,
      userAgent: req.request?.userAgent ?? null,
      requestId: req.request?.requestId ?? null,
    });
    return { eventsErased: erased.length };
  });
}
