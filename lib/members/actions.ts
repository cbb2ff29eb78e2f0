import "server-only";
import { and, eq } from "drizzle-orm";
import { defineWorkspaceAction, type ActionContext } from "../actions/workspace-action";
import { canGrantRole } from "../auth/permissions";
import type { Role } from "../auth/roles";
import { invitations, passwordResets } from "../db/schema/access";
import { recordStaffAudit } from "../actions/audit";
import { memberships } from "../db/schema/workspaces";
import type { Tx } from "../db/client";
import { countOwners, findMembership } from "../data/members";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { changeRoleSchema, inviteMemberSchema, memberSchema, revokeInvitationSchema } from "./members.validation";
import { newLinkToken } from "./tokens";

const INVITATION_DAYS = 7;
const RESET_HOURS = 24;

/** Owners can only be changed by owners, and a workspace always keeps at least one. */
async function assertMayManage(tx: Tx, ctx: ActionContext, userId: string, newRole?: Role) {
  const target = await findMembership(tx, ctx.actor.workspace.id, userId);
  if (!target) throw new NotFoundError("This member");
  if (target.role === "owner" && ctx.actor.role !== "owner") throw new ForbiddenError("Only an owner can change another owner.");
  if (newRole && !canGrantRole(ctx.actor.role, newRole)) throw new ForbiddenError("Only an owner can make someone an owner.");
  if (target.role === "owner" && newRole !== "owner" && (await countOwners(tx, ctx.actor.workspace.id)) <= 1) {
    throw new ConflictError("last_owner", "A workspace needs at least one owner. Make someone else an owner first.");
  }
  return target;
}

export const inviteMember = defineWorkspaceAction({
  name: "members.invite",
  permission: "members:manage",
  schema: inviteMemberSchema,
  async run(ctx, input) {
    if (!canGrantRole(ctx.actor.role, input.role)) throw new ForbiddenError("Only an owner can invite an owner.");
    const { token, hash } = newLinkToken();
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(invitations)
        .values({
          workspaceId: ctx.actor.workspace.id,
          email: input.email,
          role: input.role,
          tokenHash: hash,
          invitedBy: ctx.actor.user.id,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        })
        .returning({ id: invitations.id });
      await recordStaffAudit(tx, ctx, { action: "member.invite", targetType: "invitation", targetId: row!.id, detail: { email: input.email, role: input.role } });
    });
    return { message: `Invitation for ${input.email} created. Send them this link; it works once, for ${INVITATION_DAYS} days.`, data: { path: `/invite/${token}` } };
  },
});

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
      await recordStaffAudit(tx, ctx, { action: "member.role", targetType: "user", targetId: input.userId, detail: { email: target.email, from: target.role, to: input.role } });
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
      await recordStaffAudit(tx, ctx, { action: "member.remove", targetType: "user", targetId: input.userId, detail: { email: target.email, role: target.role } });
    });
    return { message: "Member removed. They lose access on their next click." };
  },
});

/** Without email configured, the admin passes the link on; it works once, within a day. */
export const createPasswordResetLink = defineWorkspaceAction({
  name: "members.passwordResetLink",
  permission: "members:manage",
  schema: memberSchema,
  async run(ctx, input) {
    const { token, hash } = newLinkToken();
    await ctx.db.transaction(async (tx) => {
      const target = await assertMayManage(tx, ctx, input.userId);
      await tx.insert(passwordResets).values({
        userId: input.userId,
        tokenHash: hash,
        createdBy: ctx.actor.user.id,
        expiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000),
      });
      await recordStaffAudit(tx, ctx, { action: "password.reset-link", targetType: "user", targetId: input.userId, detail: { email: target.email } });
    });
    return { message: `Password reset link created. Give it to the member; it works once, for ${RESET_HOURS} hours.`, data: { path: `/reset-password/${token}` } };
  },
});
