import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { apiKeys } from "../db/schema/access";
import { users } from "../db/schema/workspaces";

/** A workspace's keys, newest first, active before revoked. Never selects the hash. */
export async function listApiKeys(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      createdBy: users.name,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt));
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
