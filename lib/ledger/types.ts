import { z } from "zod";

export const consentActions = ["opt_in", "opt_out", "confirm"] as const;
export const eventChannels = ["web", "sms", "whatsapp", "ivr", "paper", "import", "staff", "api"] as const;
export type ConsentAction = (typeof consentActions)[number];
export type EventChannel = (typeof eventChannels)[number];
export type OptInLevel = "single" | "confirmed";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a lower-case hex SHA-256 digest");
const shortText = z.string().trim().min(1).max(500);

/**
 * What became of a keyword opt-in's reply, the message that carries the form's wording, as known when the event
 * is written: "none" (the channel cannot reply, e.g. no WhatsApp access token: no wording was sent), "twiml" (it
 * went back to Twilio in the answer to its request), "after_commit" (it is sent through the Cloud API once the
 * opt-in is committed; the provider's acceptance is kept in keyword_reply_evidence), "answered" (the person
 * answered that reply: tapped the category's button on it, or sent the number it gave the category; the event's
 * wordingSha256 is the digest of the category's consent sentence as the reply carried it).
 */
export const keywordReplyStatus = z.enum(["none", "twiml", "after_commit", "answered"]);
export type KeywordReplyStatus = z.infer<typeof keywordReplyStatus>;

/**
 * A choice answering a keyword's reply (reply "answered"): the SHA-256 of the category's consent sentence as the
 * reply carried it, and the inbound message whose keyword was answered with the question, when known.
 */
const choiceEvidence = { wordingSha256: sha256.optional(), askedIn: shortText.optional() };

/**
 * Collection detail per channel, without personal data (that goes in `network`, `name` and `note`).
 * What each channel must prove is required here, so an event without its evidence cannot be written.
 */
export const evidenceSchemas = {
  web: z.strictObject({ pageUrl: z.string().url().max(2000) }),
  sms: z.strictObject({
    messageId: shortText,
    keyword: shortText.optional(),
    provider: shortText.optional(),
    /** Twilio Advanced Opt-Out's reading of the message (STOP, START, HELP), whatever its language. */
    optOutType: z.enum(["STOP", "START", "HELP"]).optional(),
    reply: keywordReplyStatus.optional(),
    ...choiceEvidence,
  }),
  whatsapp: z.strictObject({
    messageId: shortText,
    kind: z.enum(["text", "button", "confirmation_code", "user_preference", "message_status"]),
    text: z.string().max(4096).optional(),
    payload: shortText.optional(),
    /** Absent: the Cloud API; "twilio": a WhatsApp sender on Twilio's webhook. */
    provider: shortText.optional(),
    reply: keywordReplyStatus.optional(),
    ...choiceEvidence,
  }),
  ivr: z.strictObject({
    callId: shortText,
    dtmfKey: z.string().regex(/^[0-9*#]{1,8}$/, "must be the keys pressed (0-9, * or #)"),
    recordingUrl: z.string().url().max(2000).optional(),
    recordingDigest: sha256.optional(),
  }),
  paper: z.strictObject({
    documentDigest: sha256,
    signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)"),
    documentUrl: z.string().max(2000).optional(),
  }),
  import: z.strictObject({
    source: shortText,
    row: z.number().int().min(1).optional(),
    originalMethod: shortText.optional(),
    /** The record's id in the system it came from. */
    reference: shortText.optional(),
    pageUrl: z.string().url().max(2000).optional(),
  }),
  staff: z.strictObject({
    via: z.enum(["phone_call", "in_person", "email", "letter", "other"]),
    /** "erasure": the opt-out of every category that erasing the contact's personal data begins with (lib/contacts/erase.ts). */
    source: z.literal("erasure").optional(),
  }),
  api: z.strictObject({ reference: shortText.optional(), system: shortText.optional() }),
} satisfies Record<EventChannel, z.ZodType>;

export type Evidence = { [K in EventChannel]: z.infer<(typeof evidenceSchemas)[K]> }[EventChannel];

export const actorSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("person") }),
  z.strictObject({ type: z.literal("api_key"), id: z.string().uuid(), name: z.string().optional() }),
  z.strictObject({ type: z.literal("staff"), userId: z.string().uuid(), email: z.string().optional() }),
  z.strictObject({ type: z.literal("system"), name: shortText }),
]);
export type Actor = z.infer<typeof actorSchema>;

/**
 * A WhatsApp business-scoped user ID (Meta's `user_id`): a two-letter country code, a period, and up to 128
 * letters and digits; a parent BSUID has "ENT." after the country. Kept exactly as Meta sent it.
 */
export const bsuidSchema = z
  .string()
  .regex(/^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/, "must be a WhatsApp business-scoped user ID, such as US.13491208655302741918");

export const ledgerCommandSchema = z.object({
  workspaceId: z.string().uuid(),
  /** As typed; normalised to E.164 in the workspace's default country. A command names a phone, a BSUID or both. */
  phone: z.string().max(64).optional(),
  /** The person's WhatsApp BSUID, when the channel knows it (with the number or instead of it). */
  bsuid: bsuidSchema.optional(),
  name: z.string().trim().max(200).optional(),
  categories: z.array(z.string().min(1).max(64)).min(1, "choose at least one category").max(50),
  action: z.enum(consentActions),
  channel: z.enum(eventChannels),
  formVersionId: z.string().uuid().optional(),
  language: z.string().min(2).max(16).optional(),
  occurredAt: z.date().optional(),
  evidence: z.record(z.string(), z.unknown()),
  network: z.object({ ip: z.string().max(64).optional(), userAgent: z.string().max(1000).optional() }).optional(),
  actor: actorSchema,
  note: z.string().trim().max(2000).optional(),
  /** For opt-ins: "confirmed" when the channel itself proves the number's owner acted (a WhatsApp message). */
  optInLevel: z.enum(["single", "confirmed"]).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type LedgerCommand = z.input<typeof ledgerCommandSchema>;

export type ReceiptEvent = {
  id: string;
  categoryKey: string;
  action: ConsentAction;
  seq: number;
  hash: string;
  occurredAt: string;
};

export type Receipt = {
  commandId: string;
  workspaceId: string;
  contactId: string;
  /** E.164, or null for a contact known only by its BSUID. */
  phone: string | null;
  /** The BSUID the command carried, or null. */
  bsuid: string | null;
  events: ReceiptEvent[];
  /** Current state of every category this contact has a record for, after the command. */
  state: Record<string, { state: "opted_in" | "opted_out"; optInLevel: OptInLevel | null }>;
  /** True when this is the stored answer to an earlier command with the same idempotency key. */
  replayed: boolean;
};
