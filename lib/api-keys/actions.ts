import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { createApiKey } from "./keys";
import type { Tx } from "../db/client";
import { apiKeys } from "../db/schema/access";
import { ConflictError, NotFoundError } from "../errors";
import { recordStaffAudit } from "../handlers/audit";
import { forgetApiKeys } from "./authenticate";
import { createApiKeySchema, DEFAULT_API_KEY_PER_MINUTE, revokeApiKeySchema, setApiKeyLimitSchema } from "./api-keys.validation";

export const createWorkspaceApiKey = defineWorkspaceAction({
  name: "settings.apiKeys.create",
  permission: "api-keys:manage",
  schema: createApiKeySchema,
  arrays: ["scopes"],
  async run(ctx, input) {
    const created = await ctx.db.transaction(async (tx) => {
      const key = await createApiKey(tx, {
        workspaceId: ctx.actor.workspace.id,
        name: input.name,
        scopes: input.scopes,
        createdBy: ctx.actor.user.id,
        rateLimitPerMinute: input.rateLimitPerMinute,
      });
      await recordStaffAudit(tx, ctx, {
        action: "api-key.create",
        targetType: "api_key",
        targetId: key.id,
        detail: { name: input.name, prefix: key.prefix, scopes: input.scopes, rateLimitPerMinute: input.rateLimitPerMinute },
      });
      return key;
    });
    // The only time the whole key leaves the server: only its hash is stored.
    return {
      message: `Created "${input.name}". Copy the key now and store it in that system's secrets; it will not be shown again.`,
      data: { id: created.id, key: created.key, prefix: created.prefix, name: input.name },
    };
  },
});

/** The workspace's key, locked for the rest of the transaction; another workspace's key is not found, as a made-up one. */
async function lockWorkspaceKey(tx: Tx, workspaceId: string, apiKeyId: string) {
  const [key] = await tx
    .select({ name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt, limit: apiKeys.rateLimitPerMinute })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.workspaceId, workspaceId)))
    .for("update");
  if (!key) throw new NotFoundError("This API key");
  return key;
}

export const revokeWorkspaceApiKey = defineWorkspaceAction({
  name: "settings.apiKeys.revoke",
  permission: "api-keys:manage",
  schema: revokeApiKeySchema,
  async run(ctx, input) {
    const workspaceId = ctx.actor.workspace.id;
    const outcome = await ctx.db.transaction(async (tx) => {
      const key = await lockWorkspaceKey(tx, workspaceId, input.apiKeyId);
      if (key.revokedAt) return { name: key.name, already: true };
      await tx
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, input.apiKeyId), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)));
      await recordStaffAudit(tx, ctx, {
        action: "api-key.revoke",
        targetType: "api_key",
        targetId: input.apiKeyId,
        detail: { name: key.name, prefix: key.prefix },
      });
      return { name: key.name, already: false };
    });
    // This instance forgets its keys at once; others within API_KEY_CACHE_MS (lib/api-keys/authenticate.ts).
    forgetApiKeys(ctx.db);
    if (outcome.already) return { message: `"${outcome.name}" was already revoked.` };
    return { message: `Revoked "${outcome.name}". Requests with it are refused within seconds.` };
  },
});

const limitText = (limit: number | null) => (limit === null ? `the default, ${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")}` : limit.toLocaleString("en"));

/**
 * Changes a live key's own limit (a sender that moved up a WhatsApp throughput tier needs more; one that misbehaves,
 * less) without a new key to roll out. Takes effect at once on this instance, on others within API_KEY_CACHE_MS.
 */
export const setWorkspaceApiKeyLimit = defineWorkspaceAction({
  name: "settings.apiKeys.limit",
  permission: "api-keys:manage",
  schema: setApiKeyLimitSchema,
  async run(ctx, input) {
    const workspaceId = ctx.actor.workspace.id;
    const outcome = await ctx.db.transaction(async (tx) => {
      const key = await lockWorkspaceKey(tx, workspaceId, input.apiKeyId);
      if (key.revokedAt) throw new ConflictError("api_key_revoked", `"${key.name}" is revoked: its limit no longer applies to anything.`);
      if (key.limit === input.rateLimitPerMinute) return { name: key.name, changed: false };
      await tx
        .update(apiKeys)
        .set({ rateLimitPerMinute: input.rateLimitPerMinute })
        .where(and(eq(apiKeys.id, input.apiKeyId), eq(apiKeys.workspaceId, workspaceId)));
      await recordStaffAudit(tx, ctx, {
        action: "api-key.limit",
        targetType: "api_key",
        targetId: input.apiKeyId,
        detail: { name: key.name, prefix: key.prefix, from: key.limit, to: input.rateLimitPerMinute },
      });
      return { name: key.name, changed: true };
    });
    if (!outcome.changed) return { message: `"${outcome.name}" already has that limit.` };
    forgetApiKeys(ctx.db);
    return { message: `"${outcome.name}" may now make ${limitText(input.rateLimitPerMinute)} requests a minute, on every instance within seconds.` };
  },
});
