import type { z } from "zod";
import {
  changeSchema,
  contactSchema,
  entrySchema,
  envelopeSchema,
  messageSchema,
  messagesValueSchema,
  qualityValueSchema,
  statusSchema,
  userPreferenceSchema,
  type QualityValue,
  type WhatsAppContact,
  type WhatsAppMessage,
  type WhatsAppStatus,
  type WhatsAppUserPreference,
} from "./payload";

/** What a dead letter says it held; "notification", "entry" and "change" are for parts too broken to split. */
export type WhatsAppItemKind = "message" | "status" | "user_preference" | "quality" | "change" | "entry" | "notification";

/** Who an item names, as given: the phone-like WhatsApp id and/or the BSUID. Either may be absent. */
export type ItemSender = { waId?: string; userId?: string };

/**
 * Every item carries `single`: a notification holding only that item (with its change's metadata and its own
 * contact), which is what a dead letter keeps and what a retry reads again through the same code.
 */
type Common = { single: string };

export type NotificationItem =
  | (Common & { kind: "message"; message: WhatsAppMessage })
  | (Common & { kind: "status"; status: WhatsAppStatus })
  | (Common & { kind: "user_preference"; preference: WhatsAppUserPreference })
  | (Common & { kind: "quality"; quality: QualityValue; time: number | undefined })
  | (Common & { kind: "unreadable"; itemKind: WhatsAppItemKind; providerItemId?: string; reason: string; sender: ItemSender });

const OBJECT = "whatsapp_business_account";
type Head = { id?: unknown; time?: unknown };

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const asString = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

function notificationWith(head: Head, change: unknown): string {
  return JSON.stringify({ object: OBJECT, entry: [{ id: head.id, time: head.time, changes: [change] }] });
}

/** The first few problems zod found, by path: enough for staff to see what was wrong, and no values. */
function describe(what: string, error: z.ZodError): string {
  const problems = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "the item"}: ${i.message}`);
  return `Cannot read this ${what} (${problems.join("; ")}).`;
}

function unreadable(itemKind: WhatsAppItemKind, single: string, reason: string, raw: unknown = undefined): NotificationItem {
  const r = asRecord(raw);
  const sender: ItemSender = {
    waId: asString(r.from) ?? asString(r.wa_id) ?? asString(r.recipient_id),
    userId: asString(r.from_user_id) ?? asString(r.user_id) ?? asString(r.recipient_user_id),
  };
  const id = asString(r.id);
  const providerItemId = id && itemKind === "message" ? id : id && itemKind === "status" && asString(r.status) ? `status:${id}:${r.status}` : undefined;
  return { kind: "unreadable", itemKind, single, reason, sender, providerItemId };
}

/** One app may serve several numbers; only changes for the one configured for this workspace count here. */
function forThisNumber(phoneNumberId: string | undefined, configured: string | null | undefined): boolean {
  return !configured || !phoneNumberId || phoneNumberId === configured;
}

/** The contact a message came from: by WhatsApp id, by BSUID, or the change's only contact. */
function contactOf(raw: Record<string, unknown>, contacts: unknown[]): unknown {
  const from = asString(raw.from);
  const userId = asString(raw.from_user_id);
  const found = contacts.find((c) => {
    const contact = asRecord(c);
    return (from && contact.wa_id === from) || (userId && contact.user_id === userId);
  });
  return found ?? (contacts.length === 1 ? contacts[0] : undefined);
}

/**
 * Splits a signed notification body into its items, each read with its own schema: one that cannot be read comes
 * back as "unreadable" (to be dead-lettered) and the others are unaffected. Changes for another phone number and
 * fields Assent does not act on are left out.
 */
export function readNotification(text: string, options: { phoneNumberId?: string | null } = {}): NotificationItem[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [unreadable("notification", text, "The body is not JSON.")];
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return [
      unreadable(
        "notification",
        text,
        'The body is not a WhatsApp Business Account notification (no object "whatsapp_business_account" with a list of entries).',
      ),
    ];
  const items: NotificationItem[] = [];
  for (const rawEntry of envelope.data.entry) {
    const head: Head = { id: asRecord(rawEntry).id, time: asRecord(rawEntry).time };
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      items.push(unreadable("entry", JSON.stringify({ object: OBJECT, entry: [rawEntry] }), describe("entry", entry.error)));
      continue;
    }
    for (const rawChange of entry.data.changes) items.push(...readChange(head, entry.data.time, rawChange, options.phoneNumberId));
  }
  return items;
}

function readChange(head: Head, time: number | undefined, rawChange: unknown, configured: string | null | undefined): NotificationItem[] {
  const change = changeSchema.safeParse(rawChange);
  if (!change.success) return [unreadable("change", notificationWith(head, rawChange), describe("change", change.error))];
  const { field, value } = change.data;
  if (field === "phone_number_quality_update") {
    const single = notificationWith(head, rawChange);
    const quality = qualityValueSchema.safeParse(value);
    return [
      quality.success ? { kind: "quality", quality: quality.data, time, single } : unreadable("quality", single, describe("quality notice", quality.error)),
    ];
  }
  if (field !== "messages" && field !== "user_preferences") return [];

  const lists = messagesValueSchema.safeParse(value);
  if (!lists.success) return [unreadable("change", notificationWith(head, rawChange), describe(`"${field}" change`, lists.error))];
  if (!forThisNumber(lists.data.metadata?.phone_number_id, configured)) return [];
  // The change without its lists: metadata and the like, repeated in each item's single notification.
  const { contacts: _c, messages: _m, statuses: _s, user_preferences: _p, ...shell } = asRecord(value);
  const single = (list: string, item: unknown, extra: Record<string, unknown> = {}) =>
    notificationWith(head, { field, value: { ...shell, ...extra, [list]: [item] } });
  const contacts = lists.data.contacts ?? [];
  const items: NotificationItem[] = [];

  for (const raw of lists.data.messages ?? []) {
    const rawContact = contactOf(asRecord(raw), contacts);
    const text = single("messages", raw, rawContact === undefined ? {} : { contacts: [rawContact] });
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) {
      const contact = asRecord(rawContact);
      const item = unreadable("message", text, describe("message", parsed.error), raw);
      if (item.kind === "unreadable")
        item.sender = { waId: item.sender.waId ?? asString(contact.wa_id), userId: item.sender.userId ?? asString(contact.user_id) };
      items.push(item);
      continue;
    }
    const contact = contactSchema.safeParse(rawContact);
    const fromContact: WhatsAppContact = contact.success ? contact.data : {};
    // The BSUID as given: on the message itself, else on its contact.
    items.push({ kind: "message", message: { ...parsed.data, user_id: parsed.data.from_user_id ?? fromContact.user_id }, single: text });
  }
  for (const raw of lists.data.statuses ?? []) {
    const text = single("statuses", raw);
    const parsed = statusSchema.safeParse(raw);
    items.push(parsed.success ? { kind: "status", status: parsed.data, single: text } : unreadable("status", text, describe("status", parsed.error), raw));
  }
  for (const raw of lists.data.user_preferences ?? []) {
    const text = single("user_preferences", raw);
    const parsed = userPreferenceSchema.safeParse(raw);
    items.push(
      parsed.success
        ? { kind: "user_preference", preference: parsed.data, single: text }
        : unreadable("user_preference", text, describe("preference", parsed.error), raw),
    );
  }
  return items;
}
