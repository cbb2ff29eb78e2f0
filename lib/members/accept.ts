import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, invitations, passwordResets } from "../db/schema/access";
import { users } from "../db/schema/workspaces";
import { hashPassword } from "../auth/password";
import { revokeUserSessions } from "../auth/staff-sessions";
import { findUsableInvitation, findUsablePasswordReset } from "./queries";
import { accountWorkspaceIds, findUserByEmail, normalizeEmail } from "../auth/users";
import { AppError, ConflictError } from "../errors";
import type { RequestMeta } from "../server/request-meta";
import { linkTokenHash } from "./tokens";
import { joinByInvitation } from "../auth/invitation-join";

const goneMessage = "This link is no longer valid: it was used, withdrawn or has expired. Ask for a new one.";

/**
 * Accepts an invitation. A new person sets a name and password; someone who already has an account must be
 * signed in as the invited address (userId given). Claiming the invitation and adding the membership happen
 * in one transaction, so a link works exactly once.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  who: { newAccount: { name: string; password: string } } | { userId: string },
): Promise<{ workspaceSlug: string; email: string }> {
  const hash = linkTokenHash(token);
  const found = hash ? await findUsableInvitation(db, hash) : undefined;
  if (!found) throw new AppError("link_gone", 410, goneMessage);
  const passwordHash = "newAccount" in who ? await hashPassword(who.newAccount.password) : null;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, found.invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new ConflictError("invitation_used", goneMessage);
    const email = normalizeEmail(found.invitation.email);
    let userId: string;
    if ("newAccount" in who) {
      if (await findUserByEmail(tx, email))
        throw new ConflictError("account_exists", "An account with this email exists. Sign in first, then open the link again.");
      const [user] = await tx.insert(users).values({ email, name: who.newAccount.name, passwordHash }).returning({ id: users.id });
      userId = user!.id;
    } else {
      const [user] = await tx.select().from(users).where(eq(users.id, who.userId));
      if (!user || user.email !== email) throw new ConflictError("wrong_account", `This invitation is for ${email}. Sign in as that address to accept it.`);
      userId = user.id;
    }
    await joinByInvitation(tx, found.invitation, { id: userId, email });
    return { workspaceSlug: found.slug, email };
  });
}

/**
 * Sets a new password through a reset link, then ends every session of that user. The change is written to the
 * audit log of every workspace the account belongs to: one password opens them all.
 */
export async function resetPassword(db: Db, token: string, password: string, meta?: RequestMeta): Promise<{ email: string }> {
  const hash = linkTokenHash(token);
  const found = hash ? await findUsablePasswordReset(db, hash) : undefined;
  if (!found) throw new AppError("link_gone", 410, goneMessage);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, found.reset.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (claimed.length === 0) throw new ConflictError("reset_used", goneMessage);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, found.reset.userId));
    await revokeUserSessions(tx, found.reset.userId);
    const workspaceIds = await accountWorkspaceIds(tx, found.reset.userId);
    if (workspaceIds.length === 0) return;
    const [maker] = found.reset.createdBy ? await tx.select({ email: users.email }).from(users).where(eq(users.id, found.reset.createdBy)) : [];
    await tx.insert(auditLog).values(
      workspaceIds.map((workspaceId) => ({
        workspaceId,
        actorUserId: found.reset.userId,
        actorLabel: found.email,
        action: "password.reset",
        targetType: "user",
        targetId: found.reset.userId,
        // Who made the link: an admin, or (no creator) the person through "Forgot your password?" or the operator's CLI.
        detail: { email: found.email, linkMadeBy: maker?.email ?? "forgot password or operator" },
        ip: meta?.ip ?? null,
        userAgent: meta?.userAgent ?? null,
        requestId: meta?.requestId ?? null,
      })),
    );
  });
  return { email: found.email };
}
