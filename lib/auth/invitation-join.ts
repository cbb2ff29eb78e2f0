import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { auditLog, invitations } from "../db/schema/access";
import { memberships, users } from "../db/schema/workspaces";
import { normalizeEmail } from "./users";

// Here, below the members feature, because signing in by single sign-on (sso-admission.ts) accepts invitations too.

type Invitation = typeof invitations.$inferSelect;

/** The membership an accepted invitation grants, and its audit row; `via` says how it was accepted. */
export async function joinByInvitation(tx: DbOrTx, invitation: Invitation, user: { id: string; email: string }, via: "link" | "sso" = "link"): Promise<void> {
  await tx
    .insert(memberships)
    .values({ workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: invitation.role } });
  await tx.insert(auditLog).values({
    workspaceId: invitation.workspaceId,
    actorUserId: user.id,
    actorLabel: user.email,
    action: "member.join",
    targetType: "invitation",
    targetId: invitation.id,
    detail: via === "link" ? { role: invitation.role } : { role: invitation.role, via },
  });
}

/**
 * Accepts every open invitation for an address that single sign-on has verified, making the account (with no
 * password: it signs in through the provider, or gets a reset link later). The provider's word that the person
 * holds the address is what the invitation asked for. Claiming the invitations, making the account and the
 * memberships happen in one transaction. Undefined when no invitation is open.
 */
export async function joinWithVerifiedEmail(db: Db, input: { email: string; name?: string }, now = new Date()): Promise<{ userId: string } | undefined> {
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .returning();
    if (claimed.length === 0) return undefined;
    const name = input.name?.trim().slice(0, 200) || email.split("@")[0]!;
    const [user] = await tx.insert(users).values({ email, name }).returning({ id: users.id });
    // Oldest first, so that where one workspace invited the address twice, the newer role is the one kept.
    claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const invitation of claimed) await joinByInvitation(tx, invitation, { id: user!.id, email }, "sso");
    return { userId: user!.id };
  });
}
