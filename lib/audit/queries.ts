import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema/access";

export const AUDIT_PAGE_SIZE = 50;

/** The workspace's staff audit log, newest first, by keyset on its id. */
export async function listAuditEntries(db: DbOrTx, workspaceId: string, before?: number) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), before ? lt(auditLog.id, before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id : undefined };
}

/** The newest audit entry of one kind, e.g. the last ledger verification. */
export async function latestAuditEntry(db: DbOrTx, workspaceId: string, action: string) {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}
