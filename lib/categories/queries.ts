import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import type { FormVersionContent } from "../db/schema/form-content";
import { formVersions, forms, messageCategories } from "../db/schema/forms";

export type MessageCategory = typeof messageCategories.$inferSelect;
export type NewMessageCategory = Omit<typeof messageCategories.$inferInsert, "id" | "workspaceId" | "createdAt" | "retiredAt">;

export async function createCategories(db: DbOrTx, workspaceId: string, input: NewMessageCategory[]): Promise<MessageCategory[]> {
  return db
    .insert(messageCategories)
    .values(input.map((c, i) => ({ ...c, position: c.position ?? i, workspaceId })))
    .returning();
}

export async function listActiveCategories(db: DbOrTx, workspaceId: string): Promise<MessageCategory[]> {
  return db
    .select()
    .from(messageCategories)
    .where(and(eq(messageCategories.workspaceId, workspaceId), isNull(messageCategories.retiredAt)))
    .orderBy(asc(messageCategories.position));
}

/** Every category, retired ones last: filters and timelines must still name categories no longer offered. */
export async function listAllCategories(db: DbOrTx, workspaceId: string): Promise<MessageCategory[]> {
  return db
    .select()
    .from(messageCategories)
    .where(eq(messageCategories.workspaceId, workspaceId))
    .orderBy(sql`${messageCategories.retiredAt} is not null`, asc(messageCategories.position));
}

/** The `languages` of the current version of each of the workspace's forms, the most recently changed form first. */
export async function listFormLanguages(db: DbOrTx, workspaceId: string): Promise<FormVersionContent["languages"][]> {
  const rows = await db
    .select({ languages: sql<FormVersionContent["languages"]>`${formVersions.content}->'languages'` })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.currentVersionId))
    .where(eq(forms.workspaceId, workspaceId))
    .orderBy(desc(forms.updatedAt));
  return rows.map((r) => r.languages);
}
