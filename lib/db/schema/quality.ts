import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { eventChannelEnum } from "./enums";
import { users, workspaces } from "./workspaces";

/**
 * How far the quality folder has read a workspace's ledger: every event with a position up to `position` is
 * counted in the rollups below, and none after it. Updated in the same transaction as the rollup rows.
 */
export const qualityFoldState = pgTable("quality_fold_state", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  position: bigint("position", { mode: "number" }).notNull().default(0),
  /** When the alert rules last ran for this workspace; they run again after new events or ratings, or when stale. */
  alertsCheckedAt: timestamp("alerts_checked_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Consent events per UTC day, category, source form and source channel. An opt-out or confirmation counts
 * against the form and channel of the opt-in it follows (the method that brought the person), so a form's
 * opt-out rate says whether it brings people who stay; `formId` is the all-zero uuid when there was none.
 */
export const qualityDaily = pgTable(
  "quality_daily",
  {
    workspaceId: uuid("workspace_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    categoryId: uuid("category_id").notNull(),
    formId: uuid("form_id").notNull(),
    channel: eventChannelEnum("channel").notNull(),
    optIns: integer("opt_ins").notNull().default(0),
    /** Opt-ins given under a form version that asks for confirmation: the denominator of the confirmation rate. */
    optInsConfirmAsked: integer("opt_ins_confirm_asked").notNull().default(0),
    confirms: integer("confirms").notNull().default(0),
    optOuts: integer("opt_outs").notNull().default(0),
    /** Opt-outs that came within 7 (30) days of the opt-in they undo: people who regret it. */
    optOuts7d: integer("opt_outs_7d").notNull().default(0),
    optOuts30d: integer("opt_outs_30d").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.categoryId, t.formId, t.channel] })],
);

/**
 * Per hosted form and UTC day: page views (counted in memory per process and flushed every few seconds; no
 * cookie, no address, nothing about the person) and submissions (folded from the ledger, one per command).
 */
export const qualityFormDaily = pgTable(
  "quality_form_daily",
  {
    workspaceId: uuid("workspace_id").notNull(),
    formId: uuid("form_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    views: integer("views").notNull().default(0),
    submissions: integer("submissions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.formId, t.day] })],
);

/** The thresholds a workspace sets for its quality alerts; a workspace without a row uses the defaults. */
export const qualitySettings = pgTable("quality_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  /** Alert when a form's or category's 7-day opt-out rate exceeds its previous 28 days' by this many points. */
  optOutJumpPoints: integer("opt_out_jump_points").notNull(),
  /** …and only once it has at least this many opt-ins in those 7 days, so three people are not a trend. */
  minOptIns: integer("min_opt_ins").notNull(),
  /** Alert when the WhatsApp quality rating falls to this level or lower: yellow, red, or off. */
  ratingAlertLevel: text("rating_alert_level").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
});

/**
 * An alert is raised once when its condition starts to hold (one open row per condition key, enforced by a
 * partial unique index), can be acknowledged by staff, and is cleared when the condition no longer holds, so
 * the same condition arising again later raises a new alert.
 */
export const qualityAlerts = pgTable(
  "quality_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    kind: text("kind").notNull(),
    conditionKey: text("condition_key").notNull(),
    subjectId: uuid("subject_id"),
    title: text("title").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("quality_alerts_open_condition").on(t.workspaceId, t.conditionKey).where(sql`cleared_at is null`),
    index("quality_alerts_workspace_raised").on(t.workspaceId, t.raisedAt),
  ],
);

/** Quality ratings staff read in WhatsApp Manager and enter by hand, beside Meta's webhook notices. */
export const qualityRatingEntries = pgTable(
  "quality_rating_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    rating: text("rating").notNull(),
    messagingLimit: text("messaging_limit"),
    observedAt: timestamp("observed_at", { withTimezone: true }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quality_rating_entries_workspace_observed").on(t.workspaceId, t.observedAt)],
);
