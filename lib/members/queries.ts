import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/client";
import { invitations, passwordResets } from "../db/schema/access";
import { memberships, users, workspaces } from "../db/schema/workspaces";
import type { Role } from "../auth/roles";

export async function listMembers(db: DbOrTx, workspaceId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, disabledAt: users.disabledAt, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

export async function findMembership(db: DbOrTx, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row;
}

/**
 * Every workspace an account belongs to, with its role there and the role `actorUserId` holds there (null where
 * the actor is no member): what deciding on an account-wide change needs.
 */
export async function accountMemberships(db: DbOrTx, userId: string, actorUserId: string) {
  const actor = alias(memberships, "actor");
  return db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role, actorRole: actor.role })
    .from(memberships)
    .leftJoin(actor, and(eq(actor.workspaceId, memberships.workspaceId), eq(actor.userId, actorUserId)))
    .where(eq(memberships.userId, userId));
}

export async function countOwners(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

export async function listOpenInvitations(db: DbOrTx, workspaceId: string, now = new Date()) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
}

/** An invitation a link may still use: not accepted, revoked or expired. */
export async function findUsableInvitation(db: DbOrTx, tokenHash: string, now = new Date()) {
  const [row] = await db
    .select({ invitation: invitations, businessName: workspaces.businessName, slug: workspaces.slug })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  return row;
}

export async function findUsablePasswordReset(db: DbOrTx, tokenHash: string, now = new Date()) {
  const [row] = await db
    .select({ reset: passwordResets, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now), isNull(users.disabledAt)));
  return row;
}

/** A password reset link: only its hash is kept. createdBy is the admin who made it, or null when asked for by email. */
export async function insertPasswordReset(db: DbOrTx, input: { userId: string; createdBy: string | null; tokenHash: string; expiresAt: Date }) {
  await db.insert(passwordResets).values(input);
}

export type MemberRole = Role;
