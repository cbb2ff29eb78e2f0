import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { formChannelEnum, formStatusEnum, templateCategoryEnum } from "./enums";
import { users, workspaces } from "./workspaces";
import type { FormDraft, FormVersionContent } from "./form-content";

export const messageCategories = pgTable(
  "message_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** Stable machine name used by the API and keywords, e.g. "order_updates". */
    key: text("key").notNull(),
    label: text("label").notNull(),
    description: text("description").notNull(),
    example: text("example").notNull(),
    frequency: text("frequency").notNull(),
    templateCategory: templateCategoryEnum("template_category").notNull(),
    position: integer("position").notNull().default(0),
    /** A category with events is retired, never deleted: its history must stay readable. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("message_categories_workspace_key").on(t.workspaceId, t.key)],
);

export const forms = pgTable(
  "forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    channel: formChannelEnum("channel").notNull(),
    /** Opt-in keyword for SMS and WhatsApp forms. */
    keyword: text("keyword"),
    status: formStatusEnum("status").notNull().default("draft"),
    currentVersionId: uuid("current_version_id"),
    /** The editable next version; publishing freezes it into form_versions. */
    draft: jsonb("draft").$type<FormDraft>(),
    /** Sites allowed to show the form in an <iframe> (the page's frame-ancestors); empty means none. */
    embedDomains: text("embed_domains").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("forms_workspace_slug").on(t.workspaceId, t.slug)],
);

/** Immutable once written (a trigger refuses UPDATE and DELETE): events point at the exact wording shown. */
export const formVersions = pgTable(
  "form_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id),
    version: integer("version").notNull(),
    channel: formChannelEnum("channel").notNull(),
    content: jsonb("content").$type<FormVersionContent>().notNull(),
    /** SHA-256 of the canonical encoding of content; the ledger commits to it. */
    digest: text("digest").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
    /**
     * The translations flagged against the previous version that staff confirmed as still right before
     * publishing (driftKey in lib/forms/translation-drift.ts). A note about the review, not what people were
     * shown: outside content and its digest, and written once with the version like the rest of the row.
     */
    translationChecks: text("translation_checks").array().notNull().default([]),
  },
  (t) => [unique("form_versions_form_version").on(t.formId, t.version)],
);

/**
 * The page as it was rendered in each language when a version was published: evidence of the opt-in process
 * as a reviewer would have seen it. Written once with the version, never changed (a trigger refuses it).
 */
export const formVersionSnapshots = pgTable(
  "form_version_snapshots",
  {
    formVersionId: uuid("form_version_id")
      .notNull()
      .references(() => formVersions.id),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    language: text("language").notNull(),
    html: text("html").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.formVersionId, t.language] }), index("form_version_snapshots_workspace").on(t.workspaceId)],
);
