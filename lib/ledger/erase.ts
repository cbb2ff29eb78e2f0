import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema/access";
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
 * Erases a contact's personal data: the plain phone, name, IPs, user agents and notes. The events keep
 * only salted digests, so every chain still verifies, and the same number given again meets its history.
 * The contact's preference-centre links are revoked in the same transaction.
 */
export async function erasePersonalData(db: Db, req: EraseRequest): Promise<{ eventsErased: number }> {
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .update(contacts)
      .set({ phone: null, name: null, erasedAt: new Date(), updatedAt: new Date() })
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
    // Stored API receipts repeat the phone number; a retry after erasure is simply treated as new.
    await tx
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, req.workspaceId), sql`${idempotencyKeys.receipt}->>'contactId' = ${req.contactId}`));
    await tx.insert(auditLog).values({
      workspaceId: req.workspaceId,
      actorUserId: req.actor.userId,
      actorLabel: req.actor.label,
      action: "contact.erase",
      targetType: "contact",
      targetId: req.contactId,
      detail: { reason: req.reason, eventsErased: erased.length },
      ip: req.request?.ip ?? null,
      userAgent: req.request?.userAgent ?? null,
      requestId: req.request?.requestId ?? null,
    });
    return { eventsErased: erased.length };
  });
}
