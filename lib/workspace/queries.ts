import "server-only";
import { randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { ValidationError } from "../errors";
import { workspaceNames, workspaces, type Workspace } from "../db/schema/workspaces";
import { forms, messageCategories } from "../db/schema/forms";

export type { Workspace };
export type NewWorkspace = Omit<typeof workspaces.$inferInsert, "id" | "ledgerSalt" | "createdAt">;

/** Dashboard URLs are /{workspace}/…, so a workspace may not take the name of a top-level route. */
export const reservedWorkspaceSlugs = new Set([
  "api",
  "dashboard",
  "f",
  "p",
  "sign-in",
  "setup",
  "invite",
  "reset-password",
  "forgot-password",
  "_next",
  "favicon.ico",
]);

export async function createWorkspace(db: DbOrTx, input: NewWorkspace): Promise<Workspace> {
  if (reservedWorkspaceSlugs.has(input.slug)) {
    throw new ValidationError([{ field: "slug", code: "reserved", message: `"${input.slug}" is reserved; choose another short name.` }]);
  }
  const [row] = await db
    .insert(workspaces)
    .values({ ...input, ledgerSalt: randomBytes(32).toString("hex") })
    .returning();
  return row!;
}

export async function findWorkspaceBySlug(db: DbOrTx, slug: string): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row;
}

export async function listWorkspaces(db: DbOrTx): Promise<Workspace[]> {
  return db.select().from(workspaces).orderBy(asc(workspaces.slug));
}

/** Every name the business has had, oldest first; the first holds from the start (validFrom null, stored as -infinity). */
export async function listBusinessNames(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select({
      validFrom: sql<string | null>`case when ${workspaceNames.validFrom} = '-infinity' then null
        else to_char(${workspaceNames.validFrom} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`,
      businessName: workspaceNames.businessName,
      legalName: workspaceNames.legalName,
    })
    .from(workspaceNames)
    .where(eq(workspaceNames.workspaceId, workspaceId))
    .orderBy(asc(workspaceNames.validFrom));
  return rows.map((r) => ({ ...r, validFrom: r.validFrom === null ? null : new Date(r.validFrom) }));
}

/**
 * How far a workspace is set up: what the overview's first-steps panel needs. A new workspace has nothing (it is
 * made without categories or forms, lib/workspace/create.ts), and nothing can be collected until both exist.
 */
export async function findSetupProgress(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({
      categories: sql<number>`(select count(*)::int from ${messageCategories} where ${messageCategories.workspaceId} = ${workspaceId})`,
      forms: sql<number>`(select count(*)::int from ${forms} where ${forms.workspaceId} = ${workspaceId})`,
      published: sql<number>`(select count(*)::int from ${forms} where ${forms.workspaceId} = ${workspaceId} and ${forms.currentVersionId} is not null)`,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return { categories: row?.categories ?? 0, forms: row?.forms ?? 0, published: row?.published ?? 0 };
}
