import "server-only";
import type { WorkspaceActor } from "../auth/guards";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema/access";
import { accountWorkspaceIds } from "../auth/users";
import type { RequestMeta } from "../server/request-meta";
import type { AuditAction } from "./audit-actions";

type Entry = { action: AuditAction; targetType?: string; targetId?: string; detail: Record<string, unknown> };

/**
 * The staff audit row for something a signed-in member did, with who, from where and which request. Give it
 * the transaction that makes the change, so the change and its record commit together.
 */
export function recordStaffAudit(db: DbOrTx, { actor, meta }: { actor: WorkspaceActor; meta: RequestMeta }, entry: Entry) {
  return db.insert(auditLog).values(auditRow(actor.workspace.id, actor, meta, entry));
}

/**
 * A change to an account (its password, a role, a removal) done from one workspace: accounts are global, so the
 * row goes to the log of the actor's workspace AND of every other workspace the account belongs to, where it
 * also says which workspace it was done from. Read the account's workspaces in the same transaction as the change
 * (a removal: before it), so no workspace the account was in at that moment is left out.
 */
export async function recordAccountAudit(
  db: DbOrTx,
  { actor, meta }: { actor: WorkspaceActor; meta: RequestMeta },
  userId: string,
  entry: Entry,
  workspaceIds?: string[],
) {
  const others = (workspaceIds ?? (await accountWorkspaceIds(db, userId))).filter((id) => id !== actor.workspace.id);
  const fromWorkspace = { ...entry, detail: { ...entry.detail, fromWorkspace: actor.workspace.slug } };
  await db.insert(auditLog).values([auditRow(actor.workspace.id, actor, meta, entry), ...others.map((id) => auditRow(id, actor, meta, fromWorkspace))]);
}

function auditRow(workspaceId: string, actor: WorkspaceActor, meta: RequestMeta, entry: Entry) {
  return {
    workspaceId,
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
    requestId: meta.requestId,
  };
}
