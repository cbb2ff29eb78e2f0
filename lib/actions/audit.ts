import "server-only";
import type { WorkspaceActor } from "../auth/guards";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema/access";
import type { RequestMeta } from "../server/request-meta";

type Entry = { action: string; targetType?: string; targetId?: string; detail: Record<string, unknown> };

/**
 * The staff audit row for something a signed-in member did, with who, from where and which request. Give it
 * the transaction that makes the change, so the change and its record commit together.
 */
export function recordStaffAudit(db: DbOrTx, { actor, meta }: { actor: WorkspaceActor; meta: RequestMeta }, entry: Entry) {
  return db.insert(auditLog).values({
    workspaceId: actor.workspace.id,
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
    requestId: meta.requestId,
  });
}
