import { sql } from "drizzle-orm";
import { bigint, check, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { consentActionEnum, eventChannelEnum, optInLevelEnum, outboxStatusEnum, subscriptionStateEnum } from "./enums";
import { formVersions, messageCategories } from "./forms";
import { workspaces } from "./workspaces";
import type { Actor, Evidence } from "../../ledger/types";

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /**
     * Salted digest of the E.164 number: survives erasure, so a returning person meets their proof again. Null for
     * a contact known only by a WhatsApp BSUID; a contact always has at least one of the two digests.
     */
    phoneDigest: text("phone_digest"),
    /** E.164; blanked on erasure. */
    phone: text("phone"),
    /** Salted digest of the WhatsApp business-scoped user ID (Meta's user_id), when one is known. */
    bsuidDigest: text("bsuid_digest"),
    /** The BSUID as Meta sent it (US.13491208655302741918); personal data like the number, blanked on erasure. */
    bsuid: text("bsuid"),
    name: text("name"),
    /** Head of this contact's hash chain; the row lock on the contact serialises appends per contact. */
    lastSeq: integer("last_seq").notNull().default(0),
    lastHash: text("last_hash"),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("contacts_workspace_phone_digest").on(t.workspaceId, t.phoneDigest),
    unique("contacts_workspace_bsuid_digest").on(t.workspaceId, t.bsuidDigest),
    index("contacts_workspace_phone").on(t.workspaceId, t.phone),
    check("contacts_identified", sql`${t.phoneDigest} is not null or ${t.bsuidDigest} is not null`),
  ],
);

/** Append-only: triggers refuse UPDATE, DELETE and TRUNCATE. */
export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey(),
    /** Install-wide append order; checkpoints seal ranges of it. */
    position: bigserial("position", { mode: "number" }).notNull().unique(),
    /**
     * The id of the transaction that wrote the event (pg_current_xact_id()), by default: the events API pages by
     * (tx_id, position) and hands out only events of transactions older than every one still running, so a
     * page never comes before an event that commits later (lib/api/events.ts). 0 for events from before it.
     */
    txId: bigint("tx_id", { mode: "number" }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    /** Position of this event in its contact's chain, from 1. */
    seq: integer("seq").notNull(),
    /** One ledger command may write several events (one per category); they share this id. */
    commandId: uuid("command_id").notNull(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => messageCategories.id),
    categoryKey: text("category_key").notNull(),
    action: consentActionEnum("action").notNull(),
    channel: eventChannelEnum("channel").notNull(),
    optInLevel: optInLevelEnum("opt_in_level"),
    formVersionId: uuid("form_version_id").references(() => formVersions.id),
    formVersionDigest: text("form_version_digest"),
    language: text("language"),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull(),
    /** Collection detail without personal data: page URL, call id and key, message ids, document digest. */
    evidence: jsonb("evidence").$type<Evidence>().notNull(),
    actor: jsonb("actor").$type<Actor>().notNull(),
    /**
     * Salted digests of personal data; the plain values live in event_personal_data and contacts. An event commits
     * to the identifiers its command carried: the number (null if only a BSUID was known) and the BSUID (null on
     * every event written before BSUIDs, and then absent from the hash, so those events verify unchanged).
     */
    phoneDigest: text("phone_digest"),
    bsuidDigest: text("bsuid_digest"),
    nameDigest: text("name_digest"),
    ipDigest: text("ip_digest"),
    userAgentDigest: text("user_agent_digest"),
    noteDigest: text("note_digest"),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    unique("consent_events_contact_seq").on(t.contactId, t.seq),
    index("consent_events_workspace_position").on(t.workspaceId, t.position),
    index("consent_events_workspace_occurred").on(t.workspaceId, t.occurredAt),
    // The events API pages the ledger in commit order (lib/api/events.ts).
    index("consent_events_workspace_commit_order").on(t.workspaceId, t.txId, t.position),
  ],
);

/**
 * Plain personal data of an event, kept beside the immutable event so erasure can delete it while the
 * digests in the chain still verify.
 */
export const eventPersonalData = pgTable(
  "event_personal_data",
  {
    eventId: uuid("event_id")
      .primaryKey()
      .references(() => consentEvents.id),
    workspaceId: uuid("workspace_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    name: text("name"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    note: text("note"),
  },
  (t) => [index("event_personal_data_contact").on(t.contactId)],
);

/** Current state per contact and category, written in the same transaction as the events: state = fold(events). */
export const subscriptions = pgTable(
  "subscriptions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => messageCategories.id),
    state: subscriptionStateEnum("state").notNull(),
    optInLevel: optInLevelEnum("opt_in_level"),
    eventId: uuid("event_id").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.categoryId] }), index("subscriptions_workspace_category_state").on(t.workspaceId, t.categoryId, t.state)],
);

/** Append-only like the events. Each seals the workspace's events in (fromPosition, toPosition]. */
export const ledgerCheckpoints = pgTable(
  "ledger_checkpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    seq: integer("seq").notNull(),
    fromPosition: bigint("from_position", { mode: "number" }).notNull(),
    toPosition: bigint("to_position", { mode: "number" }).notNull(),
    eventCount: integer("event_count").notNull(),
    eventsDigest: text("events_digest").notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [unique("ledger_checkpoints_workspace_seq").on(t.workspaceId, t.seq)],
);

/**
 * Append-only: the RFC 3161 time-stamp token a time-stamping authority issued for a checkpoint's hash. A row of
 * its own rather than a column, because the token arrives after the checkpoint committed (the authority may be
 * down then, and is asked again later) and checkpoints are never updated.
 */
export const ledgerCheckpointAnchors = pgTable(
  "ledger_checkpoint_anchors",
  {
    checkpointId: uuid("checkpoint_id")
      .primaryKey()
      .references(() => ledgerCheckpoints.id),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** The TimeStampToken as the authority sent it (DER-encoded CMS ContentInfo). */
    token: bytea("token").notNull(),
    /** The token's genTime, kept beside it for listing; verify() reads it from the token itself. */
    genTime: timestamp("gen_time", { withTimezone: true, precision: 3 }).notNull(),
    tsaUrl: text("tsa_url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("ledger_checkpoint_anchors_workspace").on(t.workspaceId)],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    workspaceId: uuid("workspace_id").notNull(),
    key: text("key").notNull(),
    /** Digest of the command, so a key reused for a different request is refused rather than answered wrongly. */
    requestDigest: text("request_digest").notNull(),
    // Null only inside the transaction that claims the key; set before it commits.
    receipt: jsonb("receipt"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/** Outgoing webhooks, written in the ledger transaction and delivered later, so none is lost on a crash. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    topic: text("topic").notNull(),
    payload: jsonb("payload").notNull(),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("outbox_status_next_attempt").on(t.status, t.nextAttemptAt)],
);

/**
 * The preference-centre link of a contact: /p/{token}. Only the token's SHA-256 is stored; revoking it (or
 * issuing a new one) makes the old link show not-found.
 */
export const preferenceTokens = pgTable(
  "preference_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("preference_tokens_contact").on(t.contactId)],
);

/**
 * One-time codes for double opt-in: the receipt's "Confirm on WhatsApp" link pre-fills the code as the message;
 * when it arrives through the WhatsApp webhook, the opt-ins of that command are confirmed.
 */
export const confirmationCodes = pgTable(
  "confirmation_codes",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    code: text("code").notNull(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    commandId: uuid("command_id").notNull(),
    categoryKeys: text("category_keys").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.code] }), index("confirmation_codes_command").on(t.commandId)],
);
