import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema/workspaces";
import type { DbOrTx } from "../db/client";
import { upsertMember } from "../auth/users";
import { createWorkspace } from "../workspace/queries";
import { ConflictError } from "../errors";

export async function hasAnyUser(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

/**
 * The one-time setup of an install started without the demo: the first workspace and its owner. Refused as
 * soon as any account exists, under a lock, so two people racing for a fresh install cannot both become owner.
 */
export async function createFirstOwner(
  db: Db,
  input: { businessName: string; legalName?: string; slug: string; name: string; email: string; password: string },
): Promise<{ slug: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('assent:first-run'))`);
    if (await hasAnyUser(tx)) throw new ConflictError("already_set_up", "This install is already set up. Sign in, or ask its owner for an invitation.");
    const txDb = tx as unknown as Db;
    const workspace = await createWorkspace(txDb, { slug: input.slug, businessName: input.businessName, legalName: input.legalName || input.businessName });
    await upsertMember(txDb, { workspaceId: workspace.id, email: input.email, name: input.name, role: "owner", password: input.password });
    return { slug: workspace.slug };
  });
}
