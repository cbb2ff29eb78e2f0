import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { upsertMember, type User } from "../auth/users";
import { ValidationError } from "../errors";
import { createWorkspace, findWorkspaceBySlug, type Workspace } from "./queries";

export type NewBusiness = { slug: string; businessName: string; legalName?: string; defaultCountry: string };
export type FirstOwner = { email: string; name: string; password?: string };
type Hooks = {
  /** Runs first, inside the transaction: a check that must hold when the workspace is made (a cap per user). */
  before?: (tx: Db) => Promise<void>;
  /** Runs last, inside the transaction: what must commit with the workspace (its audit row). */
  after?: (tx: Db, made: { workspace: Workspace; owner: User }) => Promise<void>;
};

export function slugTaken(slug: string): ValidationError {
  return new ValidationError([{ field: "slug", code: "taken", message: `"${slug}" is already taken by another workspace; choose another short name.` }]);
}

/**
 * Another business on this install: the workspace and its first owner in one transaction, so a refusal leaves
 * nothing half made. `npm run assent -- workspace:create` and the dashboard's "New workspace" page both make
 * workspaces through here, so both start the same: the business profile's defaults and nothing else (no
 * categories, forms or keys; the overview's first-steps panel says what to add). An owner who already has an
 * account keeps it and its password.
 */
export async function createWorkspaceWithOwner(db: Db, business: NewBusiness, owner: FirstOwner, hooks: Hooks = {}) {
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    await hooks.before?.(txDb);
    // Two requests for the same slug: the second waits here and then sees the first's row, so it gets the same
    // field error as a slug taken long ago instead of a unique-violation.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('assent:workspace-slug'), hashtext(${business.slug}))`);
    if (await findWorkspaceBySlug(txDb, business.slug)) throw slugTaken(business.slug);
    const workspace = await createWorkspace(txDb, {
      slug: business.slug,
      businessName: business.businessName,
      legalName: business.legalName || business.businessName,
      defaultCountry: business.defaultCountry,
    });
    const { user, created } = await upsertMember(txDb, {
      workspaceId: workspace.id,
      email: owner.email,
      name: owner.name,
      role: "owner",
      password: owner.password,
    });
    await hooks.after?.(txDb, { workspace, owner: user });
    return { workspace, owner: user, created };
  });
}
