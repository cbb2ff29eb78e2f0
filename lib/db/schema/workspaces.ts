import { boolean, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  /** The name consumers see and that every consent sentence names. */
  businessName: text("business_name").notNull(),
  legalName: text("legal_name").notNull(),
  whatsappNumber: text("whatsapp_number"),
  logoUrl: text("logo_url"),
  brandColor: text("brand_color").notNull().default("#0f766e"),
  defaultLanguage: text("default_language").notNull().default("en"),
  defaultCountry: text("default_country").notNull().default("US"),
  privacyPolicyUrl: text("privacy_policy_url"),
  /** When set, an opt-in counts for sending only once the person confirmed it (double opt-in). */
  requireConfirmation: boolean("require_confirmation").notNull().default(false),
  /**
   * Key for the salted digests of personal data committed into the ledger. Kept per workspace so that
   * one workspace's digests say nothing about another's, and so verification needs nothing outside the database.
   */
  ledgerSalt: text("ledger_salt").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every name the business has had, from when: a consent certificate and every export name the business as it was
 * when the person agreed, not as it is called today. Written by a trigger on workspaces (migration 0019), so no
 * code path can rename a business without leaving the old name here; append-only, like the ledger. The first
 * name is valid from -infinity: it also names history imported from before the workspace existed.
 */
export const workspaceNames = pgTable(
  "workspace_names",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    businessName: text("business_name").notNull(),
    legalName: text("legal_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.validFrom] })],
);

// Here rather than in lib/workspace: the auth guards (a shared layer) hand every feature its workspace.
export type Workspace = typeof workspaces.$inferSelect;

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stored lower-cased; unique across the install. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: roleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);
