import "server-only";
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client";
import { apiKeys } from "../db/schema/access";
import { sha256Hex } from "../security/digest";

export const apiKeyScopes = ["consents:write", "consents:read", "events:read", "exports"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** Creates a key and returns it in full this once; only its SHA-256 is stored. */
export async function createApiKey(
  db: DbOrTx,
  input: { workspaceId: string; name: string; scopes: ApiKeyScope[]; createdBy?: string | null; rateLimitPerMinute?: number | null },
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `ask_${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, 10);
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId: input.workspaceId,
      name: input.name,
      prefix,
      keyHash: sha256Hex(key),
      scopes: input.scopes,
      createdBy: input.createdBy ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
    })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key, prefix };
}
