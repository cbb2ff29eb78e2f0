import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { webhookDeliveryStatusEnum, webhookEndpointStatusEnum } from "./enums";
import { outbox } from "./ledger";
import { users, workspaces } from "./workspaces";

/** Where a workspace wants to be told about consent changes: the business's own systems. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Which outbox topics go to this endpoint, e.g. consent.opt_out. */
    topics: text("topics").array().notNull(),
    status: webhookEndpointStatusEnum("status").notNull().default("active"),
    /** The signing secret (whsec_…), sealed with a key derived from AUTH_SECRET: it must be readable to sign. */
    secretSealed: text("secret_sealed").notNull(),
    /** After a rotation the old secret signs too, for a day, so the receiver can switch without missing one. */
    previousSecretSealed: text("previous_secret_sealed"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Removed endpoints keep their delivery log; they just stop receiving. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("webhook_endpoints_workspace").on(t.workspaceId)],
);

/** One outbox message for one endpoint: its own retries, backoff and dead letter. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => outbox.id),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    topic: text("topic").notNull(),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    /** Attempts since it was queued or last redelivered by hand; the attempt log keeps them all. */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_outbox_endpoint").on(t.outboxId, t.endpointId),
    index("webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_created").on(t.endpointId, t.createdAt),
  ],
);

/** Every HTTP attempt, for the delivery log: what was sent when, and what came back. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    workspaceId: uuid("workspace_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    /** The start of the receiver's answer, or why there was none (timeout, refused, blocked address). */
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery").on(t.deliveryId, t.startedAt)],
);
