import "server-only";
import { and, eq } from "drizzle-orm";
import { defineWorkspaceAction, type ActionContext } from "../handlers/workspace-action";
import { canGrantRole } from "../auth/permissions";
import type { Role } from "../auth/roles";
import { invitations } from "../db/schema/access";
import { recordAccountAudit, recordStaffAudit } from "../handlers/audit";
import { memberships } from "../db/schema/workspaces";
import type { DbOrTx } from "../db/client";
import { countOwners, findMembership, insertPasswordReset } from "./queries";
import { appMailer, type Mailer } from "../mail/mailer";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { assertMayManageAccount } from "./account-rights";
import { changeRoleSchema, inviteMemberSchema, memberSchema, revokeInvitationSchema } from "./members.validation";
import {
  deliveryMessage,
  invitationUrl,
  invitationValidFor,
  resetEmailFailed,
  resetNeedsEmail,
  resetSentMessage,
  sendInvitationEmail,
  sendPasswordResetEmail,
} from "./link-emails";
import { newLinkToken } from "./tokens";

/** Owners can only be changed by owners, and a workspace always keeps at least one. */
async function assertMayManage(tx: DbOrTx, ctx: ActionContext, userId: string, newRole?: Role) {
  const target = await findMembership(tx, ctx.actor.workspace.id, userId);
  if (!target) throw new NotFoundError("This member");
  if (target.role === "owner" && ctx.actor.role !== "owner") throw new ForbiddenError("Only an owner can change another owner.");
  if (newRole && !canGrantRole(ctx.actor.role, newRole)) throw new ForbiddenError("Only an owner can make someone an owner.");
  if (target.role === "owner" && newRole !== "owner" && (await countOwners(tx, ctx.actor.workspace.id)) <= 1) {
    throw new ConflictError("last_owner", "A workspace needs at least one owner. Make someone else an owner first.");
  }
  return target;
}

/**
 * The actions that make a one-time link. An invitation is emailed when a mailer is configured and shown to the
 * admin in any case (to copy when mail is slow, or to pass on when it failed or is not configured): it can only
 * make a NEW account, or add a membership to an account its owner is signed in to, so whoever holds it takes
 * nothing over. A password reset link opens an existing account, which may hold rights in other workspaces too:
 * it goes only to the account's own email, is never shown to the admin, and is refused when email is not
 * configured. The email goes out before the link is stored so that the audit row, written with the link in one
 * transaction, can say whether it was sent. The mailer is a parameter so tests can bring an SMTP server of their own.
 */
export function linkActions(mailer: () => Mailer | null) {
  const inviteMember = defineWorkspaceAction({
    name: "members.invite",
    permission: "members:manage",
    schema: inviteMemberSchema,
    async run(ctx, input) {
      if (!canGrantRole(ctx.actor.role, input.role)) throw new ForbiddenError("Only an owner can invite an owner.");
      const { token, hash, expiresAt } = newLinkToken("invitation");
      const { user, workspace } = ctx.actor;
      const delivery = await sendInvitationEmail(mailer(), {
        to: input.email,
        role: input.role,
        businessName: workspace.businessName,
        invitedBy: `${user.name} (${user.email})`,
        token,
        expiresAt,
      });
      await ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(invitations)
          .values({ workspaceId: workspace.id, email: input.email, role: input.role, tokenHash: hash, invitedBy: user.id, expiresAt })
          .returning({ id: invitations.id });
        await recordStaffAudit(tx, ctx, {
          action: "member.invite",
          targetType: "invitation",
          targetId: row!.id,
          detail: { email: input.email, role: input.role, delivery },
        });
      });
      return { message: deliveryMessage("Invitation", input.email, delivery, invitationValidFor), data: { url: invitationUrl(token), delivery } };
    },
  });

  const createPasswordResetLink = defineWorkspaceAction({
    name: "members.passwordResetLink",
    permission: "members:manage",
    schema: memberSchema,
    async run(ctx, input) {
      const target = await assertMayManage(ctx.db, ctx, input.userId);
      const mail = mailer();
      if (!mail) throw new AppError("email_not_configured", 409, resetNeedsEmail);
      await assertMayManageAccount(ctx.db, ctx.actor.user.id, input.userId);
      const { token, hash, expiresAt } = newLinkToken("reset");
      const delivery = await sendPasswordResetEmail(mail, { to: target.email, token, expiresAt });
      const audit = { action: "password.reset-link" as const, targetType: "user", targetId: input.userId, detail: { email: target.email, delivery } };
      await ctx.db.transaction(async (tx) => {
        // A link whose email failed is not kept: nobody has it, and nobody should.
        if (delivery === "sent") await insertPasswordReset(tx, { userId: input.userId, createdBy: ctx.actor.user.id, tokenHash: hash, expiresAt });
        await recordAccountAudit(tx, ctx, input.userId, audit);
      });
      if (delivery !== "sent") throw new AppError("email_failed", 502, resetEmailFailed(target.email));
      return { message: resetSentMessage(target.email) };
    },
  });

  return { inviteMember, createPasswordResetLink };
}

export const { inviteMember, createPasswordResetLink } = linkActions(appMailer);

export const revokeInvitation = defineWorkspaceAction({
  name: "members.revokeInvitation",
  permission: "members:manage",
  schema: revokeInvitationSchema,
  async run(ctx, input) {
    const done = await ctx.db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, input.invitationId), eq(invitations.workspaceId, ctx.actor.workspace.id)))
      .returning({ id: invitations.id });
    if (done.length === 0) throw new NotFoundError("This invitation");
    return { message: "Invitation withdrawn; its link no longer works." };
  },
});

export const changeMemberRole = defineWorkspaceAction({
  name: "members.changeRole",
  permission: "members:manage",
  schema: changeRoleSchema,
  async run(ctx, input) {
    await ctx.db.transaction(async (tx) => {
      const target = await assertMayManage(tx, ctx, input.userId, input.role);
      await tx
        .update(memberships)
        .set({ role: input.role })
        .where(and(eq(memberships.workspaceId, ctx.actor.workspace.id), eq(memberships.userId, input.userId)));
      await recordAccountAudit(tx, ctx, input.userId, {
        action: "member.role",
        targetType: "user",
        targetId: input.userId,
        detail: { email: target.email, from: target.role, to: input.role },
      });
    });
    return { message: "Role changed. It applies from their next click." };
  },
});

export const removeMember = defineWorkspaceAction({
  name: "members.remove",
  permission: "members:manage",
  schema: memberSchema,
  async run(ctx, input) {
    if (input.userId === ctx.actor.user.id) throw new ConflictError("remove_self", "You cannot remove yourself. Ask another owner or admin.");
    await ctx.db.transaction(async (tx) => {
      const target = await assertMayManage(tx, ctx, input.userId);
      await tx.delete(memberships).where(and(eq(memberships.workspaceId, ctx.actor.workspace.id), eq(memberships.userId, input.userId)));
      await recordAccountAudit(tx, ctx, input.userId, {
        action: "member.remove",
        targetType: "user",
        targetId: input.userId,
        detail: { email: target.email, role: target.role },
      });
    });
    return { message: "Member removed. They lose access on their next click." };
  },
});
