import "server-only";
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { workspaces } from "../db/schema/workspaces";

export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = Omit<typeof workspaces.$inferInsert, "id" | "ledgerSalt" | "createdAt">;

export async function createWorkspace(db: DbOrTx, input: NewWorkspace): Promise<Workspace> {
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
