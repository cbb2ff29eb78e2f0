import { z } from "zod";

/**
 * The parts of the WhatsApp Cloud API webhook envelope Assent acts on. Unknown fields are allowed (Meta adds
 * them), unknown message types are kept as "other" and ignored.
 */

/** Meta documents timestamps as strings of Unix seconds; some senders (and older payloads) give numbers. */
const timestamp = z.union([z.string(), z.number()]).optional();
/** A WhatsApp id or BSUID as given: present and non-empty, or absent. */
const identifier = z.string().min(1).optional();

/**
 * One inbound message. `from` is the sender's phone-like WhatsApp id; Meta omits it for a user who adopted a
 * username and whose number it does not share, and gives the business-scoped user id (BSUID) in
 * `from_user_id` (and in the change's `contacts[].user_id`) instead.
 */
const message = z.object({
  from: identifier,
  from_user_id: identifier,
  from_parent_user_id: identifier,
  id: z.string().min(1),
  timestamp,
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  /** A reply to one of our messages (a tapped button) names it: the id the Cloud API gave the message sent. */
  context: z.object({ id: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
});

/** The change's `contacts[]`: who sent its messages, by WhatsApp id and/or BSUID. */
export const contactSchema = z.object({
  wa_id: identifier,
  user_id: identifier,
  parent_user_id: identifier,
  profile: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

/** Error codes are numbers in Meta's payloads; a numeric string is read as the same code. */
const errorCode = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** A sent message's status. `recipient_id` is absent when it was sent to a BSUID whose number is not shared. */
const status = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp,
  recipient_id: identifier,
  recipient_user_id: identifier,
  recipient_parent_user_id: identifier,
  errors: z.array(z.object({ code: errorCode, title: z.string().optional() })).optional(),
});

/** WhatsApp's own stop/resume-marketing control. `wa_id` is absent for a username user; `user_id` is the BSUID. */
const userPreference = z.object({
  wa_id: identifier,
  user_id: identifier,
  parent_user_id: identifier,
  detail: z.string().optional(),
  category: z.string(),
  value: z.string(),
  timestamp,
});

export const messageSchema = message;
export const statusSchema = status;
export const userPreferenceSchema = userPreference;

/**
 * A "messages" or "user_preferences" change, with its items left unread: each message, status and preference is
 * read on its own (see read-notification.ts), so one that cannot be read sinks only itself.
 */
export const messagesValueSchema = z.object({
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()).optional(),
});

export const qualityValueSchema = z.object({
  display_phone_number: z.string().optional(),
  event: z.string().min(1),
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
  max_daily_conversations_per_business: z.string().optional(),
});

/** The envelope, with its entries and changes also read one by one. */
export const envelopeSchema = z.object({ object: z.literal("whatsapp_business_account"), entry: z.array(z.unknown()) });
export const entrySchema = z.object({
  id: z.string().optional(),
  time: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  changes: z.array(z.unknown()),
});
export const changeSchema = z.object({ field: z.string(), value: z.unknown() });

/** A message with its sender as given: `from` (WhatsApp id, may be absent) and `user_id` (BSUID, may be absent). */
export type WhatsAppMessage = z.infer<typeof message> & { user_id?: string };
export type WhatsAppContact = z.infer<typeof contactSchema>;
export type WhatsAppStatus = z.infer<typeof status>;
export type WhatsAppUserPreference = z.infer<typeof userPreference>;
export type MessagesValue = z.infer<typeof messagesValueSchema>;
export type QualityValue = z.infer<typeof qualityValueSchema>;

/** Cloud API error 131050: the user has stopped marketing messages from this business. */
export const USER_STOPPED_MARKETING = 131050;

/** The text a message carries for keyword matching, and the button payload if it came from one. */
export function messageContent(m: WhatsAppMessage): { kind: "text" | "button"; text: string; payload?: string } | null {
  if (m.type === "text" && m.text) return { kind: "text", text: m.text.body };
  if (m.type === "button" && m.button) return { kind: "button", text: m.button.text ?? "", payload: m.button.payload };
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (m.type === "interactive" && reply) return { kind: "button", text: reply.title ?? "", payload: reply.id };
  return null;
}

/** Unix seconds as a date, or undefined for a missing or nonsensical value. */
export function unixTime(value: string | number | undefined): Date | undefined {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : undefined;
}
