import { z } from "zod";

/**
 * The parts of the WhatsApp Cloud API webhook envelope Assent acts on. Unknown fields are allowed (Meta adds
 * them), unknown message types are kept as "other" and ignored.
 */
const message = z.object({
  /** The sender's wa_id; Meta leaves it out for a user with a username whose number the business may not see. */
  from: z.string().min(1).optional(),
  id: z.string().min(1),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
});

const status = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  /** The recipient's business-scoped user ID (BSUID). */
  recipient_user_id: z.string().optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional() })).optional(),
});

const userPreference = z.object({
  wa_id: z.string().min(1).optional(),
  /** The person's business-scoped user ID (BSUID), with or instead of wa_id. */
  user_id: z.string().min(1).optional(),
  detail: z.string().optional(),
  category: z.string(),
  value: z.string(),
  timestamp: z.number().optional(),
});

/** The people a "messages" change is about: wa_id (the number, when the business may see it) and BSUID. */
const contact = z.object({ wa_id: z.string().optional(), user_id: z.string().optional() });

export const messagesValueSchema = z.object({
  contacts: z.array(contact).optional(),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string().optional() }).optional(),
  messages: z.array(message).optional(),
  statuses: z.array(status).optional(),
  user_preferences: z.array(userPreference).optional(),
});

export const qualityValueSchema = z.object({
  display_phone_number: z.string().optional(),
  event: z.string().min(1),
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
  max_daily_conversations_per_business: z.string().optional(),
});

export const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      time: z.number().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export type WhatsAppMessage = z.infer<typeof message>;
export type WhatsAppContact = z.infer<typeof contact>;
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
