import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { memberships, workspaces, type Workspace } from "../db/schema/workspaces";
import type { ActiveSession } from "./staff-sessions";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors";
import { can, type Permission } from "./permissions";
import type { Role } from "./roles";

/** Who is acting, in which workspace, with which role: what every dashboard data function is given. */
export type WorkspaceActor = ActiveSession & { workspace: Workspace; role: Role };

/**
 * The one check behind every dashboard page, action and route: a live session, a membership in the workspace
 * (read fresh, so a role change or removal applies to the next request), and the permission for the role.
 * A workspace the user is not a member of is "not found", never "forbidden", so its existence does not leak.
 */
export async function authorizeWorkspace(db: DbOrTx, session: ActiveSession | null, slug: string, permission: Permission): Promise<WorkspaceActor> {
  const actor = await findWorkspaceActor(db, session, slug);
  if (!can(actor.role, permission)) throw new ForbiddenError();
  return actor;
}

/** The membership half of authorizeWorkspace: signed in and a member, whatever the role. */
export async function findWorkspaceActor(db: DbOrTx, session: ActiveSession | null, slug: string): Promise<WorkspaceActor> {
  if (!session) throw new UnauthenticatedError();
  const [row] = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, session.user.id)))
    .where(eq(workspaces.slug, slug));
  if (!row) throw new NotFoundError("This page");
  return { ...session, workspace: row.workspace, role: row.role };
}

export type MembershipSummary = { slug: string; businessName: string; role: Role };

export async function listMemberships(db: DbOrTx, userId: string): Promise<MembershipSummary[]> {
  return db
    .select({ slug: workspaces.slug, businessName: workspaces.businessName, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.businessName));
}
