"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { changeMemberRole, createPasswordResetLink, inviteMember, removeMember, revokeInvitation } from "@/lib/members/actions";

export const inviteMemberAction = serverAction(inviteMember);
export const revokeInvitationAction = serverAction(revokeInvitation);
export const changeMemberRoleAction = serverAction(changeMemberRole);
export const removeMemberAction = serverAction(removeMember);
export const passwordResetLinkAction = serverAction(createPasswordResetLink);
