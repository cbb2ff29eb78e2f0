import "server-only";
import type { ActionContext } from "../actions/workspace-action";
import type { Tx } from "../db/client";
import { auditLog } from "../db/schema/access";

type Entry = { action: string; targetType: string; targetId: string; detail: Record<string, unknown> };

/** The audit row for a settings change; always given the transaction that makes the change. */
export function writeSettingsAudit(tx: Tx, { actor, meta }: ActionContext, entry: Entry) {
  return tx.insert(auditLog).values({
    workspaceId: actor.workspace.id,
    actorUserId: actor.user.id,
    actorLabel: actor.user.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail: entry.detail,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
    requestId: meta.requestId,
  });
}
