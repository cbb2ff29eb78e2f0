import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { formVersions } from "./forms";

/** Opt-out words per language, e.g. { en: ["STOP"], es: ["BAJA", "PARAR"] }. */
export type OptOutKeywords = Record<string, string[]>;

/**
 * How a workspace's WhatsApp Cloud API number and Twilio SMS number reach Assent. Secrets that must be read back
 * (to verify signatures, to send replies) are sealed with a key derived from AUTH_SECRET; the verify token is
 * not a secret kept from the workspace (it is shown to paste into Meta), so it is stored plain.
 */
export const channelSettings = pgTable("channel_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  whatsappPhoneNumberId: text("whatsapp_phone_number_id"),
  whatsappAppSecretSealed: text("whatsapp_app_secret_sealed"),
  /** Optional: with it, keyword replies are sent through the Cloud API. */
  whatsappAccessTokenSealed: text("whatsapp_access_token_sealed"),
  whatsappVerifyToken: text("whatsapp_verify_token").notNull(),
  twilioAuthTokenSealed: text("twilio_auth_token_sealed"),
  /** The Twilio number people text a form's keyword to (E.164), shown in the keyword builder and on a keyword form's address. */
  smsNumber: text("sms_number"),
  optOutKeywords: jsonb("opt_out_keywords").$type<OptOutKeywords>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every inbound provider message (or status, preference, quality notice) handled once: providers redeliver, and
 * a replay must record nothing. Claimed in the same transaction as what the message changes.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    provider: text("provider").notNull(),
    messageId: text("message_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.provider, t.messageId] })],
);

/** Meta's notices that a number's messaging limit or quality changed: the quality timeline's raw material. */
export const whatsappQualityUpdates = pgTable(
  "whatsapp_quality_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    event: text("event").notNull(),
    currentLimit: text("current_limit"),
    oldLimit: text("old_limit"),
    displayPhoneNumber: text("display_phone_number"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("whatsapp_quality_updates_workspace_received").on(t.workspaceId, t.receivedAt)],
);

/**
 * Inbound provider items (a WhatsApp message, status or preference; an SMS) that arrived signed but could not be
 * read, or whose handling failed. Providers are answered 200 either way (they would redeliver the same bytes for
 * days), so this row is what keeps the item from being lost: staff see it and retry it once the cause is fixed.
 * The raw item is sealed (AES-GCM under a key from AUTH_SECRET) because it names the person; the sender's digests
 * beside it let erasure find and blank it without opening every row.
 */
export const inboundDeadLetters = pgTable(
  "inbound_dead_letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channel: text("channel").$type<"whatsapp" | "sms">().notNull(),
    /** message, status, user_preference, quality, change, notification (WhatsApp) or sms. */
    kind: text("kind").notNull(),
    /** The provider's id for the item (wamid, MessageSid), when it has one that names no one. */
    providerItemId: text("provider_item_id"),
    /** What a redelivery of the same item is recognised by: the provider id, else a digest of the raw item. */
    itemKey: text("item_key").notNull(),
    reasonCode: text("reason_code").notNull(),
    reason: text("reason").notNull(),
    /** Null once erased. */
    rawSealed: text("raw_sealed"),
    /** Salted digests as the ledger keeps them (contacts.phone_digest), so erasure can match without decrypting. */
    phoneDigest: text("phone_digest"),
    bsuidDigest: text("bsuid_digest"),
    attempts: integer("attempts").notNull().default(1),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    retriedAt: timestamp("retried_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    unique("inbound_dead_letters_item").on(t.workspaceId, t.channel, t.itemKey),
    index("inbound_dead_letters_workspace_received").on(t.workspaceId, t.receivedAt),
    index("inbound_dead_letters_workspace_phone").on(t.workspaceId, t.phoneDigest),
  ],
);

/**
 * The provider's acceptance of a reply sent after commit (the Cloud API's 200 with a message id), keyed by the
 * inbound message it answers, which the opt-in's evidence names (evidence.messageId). A keyword opt-in whose
 * evidence says reply "after_commit" shows its wording as sent only when its row is here: the opt-in is
 * committed first, so it is never lost to a failed send, and the wording is claimed as sent only once it was.
 * Outside the hash chain: it is the provider's word about a message, written after the chain's event.
 */
export const keywordReplyEvidence = pgTable(
  "keyword_reply_evidence",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** The inbound message the reply answers (a wamid): the opt-in event's evidence.messageId. */
    inboundMessageId: text("inbound_message_id").notNull(),
    provider: text("provider").notNull(),
    /** The id the provider gave the accepted reply (the Cloud API's messages[0].id). */
    providerMessageId: text("provider_message_id").notNull(),
    /** SHA-256 of the exact text sent, so it can be checked against the form version's reply. */
    textSha256: text("text_sha256").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.inboundMessageId] })],
);

/**
 * When a person last wrote to one of the workspace's WhatsApp numbers: it opens WhatsApp's 24-hour customer-service
 * window, in which a free-form (session) reply needs no category opt-in. The person is kept only as the ledger's
 * salted digest (of the number, or of the BSUID, one row each), so there is no plain trace to erase; a number with
 * no contact or consent record has a row too. Not a consent event: writing is no opt-in.
 */
export const serviceWindows = pgTable(
  "service_windows",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** personalDigest(ledger salt, "phone" | "bsuid", value), as contacts.phone_digest / bsuid_digest. */
    subjectDigest: text("subject_digest").notNull(),
    /** The business number written to: the Cloud API phone number id, or the Twilio number. */
    businessNumber: text("business_number").notNull(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }).notNull(),
  },
  // The check reads by (workspace, digest): the key's prefix.
  (t) => [primaryKey({ columns: [t.workspaceId, t.subjectDigest, t.businessNumber] })],
);

/**
 * A keyword form with several categories asked a person which they want, by numbered choices in a text (SMS, or
 * WhatsApp through Twilio, whose TwiML carries text only): remembered so that a reply "2" can be read as the
 * second category of THAT form version, and only for a while. One row per person and channel (a newer question
 * replaces the older); the person is kept only as the ledger's salted digest, and erasure deletes the row anyway.
 * WhatsApp's buttons need no row: their ids carry the form version and category (decision 0024).
 */
export const keywordChoiceRequests = pgTable(
  "keyword_choice_requests",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** "sms" or "whatsapp": a number asked on one channel is not an answer on the other. */
    channel: text("channel").notNull(),
    /** personalDigest(ledger salt, "phone", number), as contacts.phone_digest. */
    subjectDigest: text("subject_digest").notNull(),
    formVersionId: uuid("form_version_id")
      .notNull()
      .references(() => formVersions.id),
    /** The inbound message (a Twilio MessageSid) whose keyword the question answered. */
    askedIn: text("asked_in").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channel, t.subjectDigest] }), index("keyword_choice_requests_expiry").on(t.workspaceId, t.expiresAt)],
);
