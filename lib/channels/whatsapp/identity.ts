import { ValidationError, type FieldError } from "../../errors";
import { bsuidSchema } from "../../ledger/types";
import { phoneOfWaId } from "../../phone/whatsapp-id";
import type { InboundIdentity } from "../inbound-consent";
import type { WhatsAppContact, WhatsAppMessage, WhatsAppStatus, WhatsAppUserPreference } from "./payload";

/**
 * Who a WhatsApp notification is about, from the fields Meta documents for business-scoped user IDs: a message's
 * `from` (the wa_id, left out for people with a username whose number the business may not see) with the
 * `contacts[].user_id` beside it; a status's `recipient_id` and `recipient_user_id`; a preference's `wa_id` and
 * `user_id`. A wa_id that is no usable number, or a user_id not shaped like a BSUID, is dropped (and logged) so the
 * other identifier still counts. When neither is usable the item is refused (ValidationError), not ignored: inside
 * the webhook's claim that rolls it back and keeps it as a dead letter, since a STOP nobody can be found for must
 * not vanish with a log line.
 */
function identity(waId: string | undefined, userId: string | undefined, where: string): InboundIdentity {
  const phone = phoneOfWaId(waId, where);
  let bsuid: string | undefined;
  if (userId) {
    if (bsuidSchema.safeParse(userId).success) bsuid = userId;
    else console.warn(`[whatsapp] ${where}: user_id is not a business-scoped user ID`);
  }
  if (phone || bsuid) return { ...(phone ? { phone } : {}), ...(bsuid ? { bsuid } : {}) };
  const fields: FieldError[] = [
    ...(waId ? [{ field: "wa_id", code: "wa_id_not_a_number", message: "The wa_id is not a usable phone number." }] : []),
    ...(userId ? [{ field: "user_id", code: "user_id_not_a_bsuid", message: "The user_id is not a business-scoped user ID." }] : []),
  ];
  const named = fields.map((f) => f.message.replace(/\.$/, "").replace(/^The/, "the")).join(" and ");
  throw new ValidationError(fields, `The ${where} names no one the ledger can record: ${named || "no wa_id and no user_id"}.`);
}

/** The sender's contacts entry: the one with the message's wa_id, else the only one (Meta sends one per sender). */
function senderContact(message: WhatsAppMessage, contacts: WhatsAppContact[] | undefined): WhatsAppContact | undefined {
  const byWaId = message.from ? contacts?.find((c) => c.wa_id === message.from) : undefined;
  return byWaId ?? (contacts?.length === 1 ? contacts[0] : undefined);
}

export const messageIdentity = (message: WhatsAppMessage, contacts: WhatsAppContact[] | undefined) =>
  identity(message.from, message.user_id ?? senderContact(message, contacts)?.user_id, `message ${message.id}`);

export const statusIdentity = (status: WhatsAppStatus) => identity(status.recipient_id, status.recipient_user_id, `status ${status.id}`);

export const preferenceIdentity = (preference: WhatsAppUserPreference) => identity(preference.wa_id, preference.user_id, "user preference");
