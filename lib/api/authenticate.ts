import "server-only";
import { sql } from "drizzle-orm";
import type { ApiKeyScope } from "../auth/api-keys";
import type { Db, DbOrTx } from "../db/client";
import { sha256Hex } from "../ledger/canonical";
import { queryRows } from "../ledger/lookups";
import { hitRateLimit, windowOf, type RateLimitRule } from "../rate-limit/limit";
import type { RequestMeta } from "../server/request-meta";
import { ApiKeyError, MissingScopeError, RateLimitedError } from "./errors";

/** Who is calling: an API key and the workspace it belongs to. Every query of a request is scoped by this. */
export type ApiPrincipal = {
  keyId: string;
  keyName: string;
  scopes: string[];
  workspace: { id: string; slug: string; defaultCountry: string; ledgerSalt: string; requireConfirmation: boolean };
};

export const apiKeyLimit: RateLimitRule = { name: "api-key", limit: 600, windowSeconds: 60 };
/** Failed authentications per client IP: strict, since nobody with a real key fails often, and guessers do. */
export const apiAuthFailureLimit: RateLimitRule = { name: "api-auth-failure", limit: 20, windowSeconds: 60 };

// `ask_` and 24 random bytes in base64url (lib/auth/api-keys.ts). Anything else is refused without a lookup.
const keyShape = /^ask_[A-Za-z0-9_-]{32}$/;

function bearerKey(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match && keyShape.test(match[1]!) ? match[1]! : null;
}

type Row = {
  id: string | null;
  name: string;
  scopes: string[];
  revoked: boolean;
  workspace_id: string;
  slug: string;
  default_country: string;
  ledger_salt: string;
  require_confirmation: boolean;
  hits: number | null;
  failures: number;
};

/**
 * Resolves the bearer key and counts the request, in ONE statement: the key and its workspace, this IP's
 * recent failures, the per-key rate-limit hit and the throttled lastUsedAt update. The hit and the update
 * happen only for a live key with the scope, so a refused request writes nothing but the failure counter.
 * The statement is its own transaction, and it commits without waiting for the WAL flush (set_config with
 * is_local applies to that transaction alone): a crash may forget the last counts and timestamps, which is
 * harmless, while every API request no longer pays a disk flush. Call it on the pool, never inside a transaction.
 */
export async function authenticateApiRequest(db: Db, request: Request, meta: RequestMeta, scope: ApiKeyScope, now = new Date()): Promise<ApiPrincipal> {
  const ip = meta.ip ?? "unknown";
  const key = bearerKey(request);
  if (!key) return refuse(db, ip, now);

  const keyWindow = windowOf(apiKeyLimit, now);
  const failWindow = windowOf(apiAuthFailureLimit, now);
  const nowIso = now.toISOString();
  const [row] = await queryRows<Row>(
    db,
    sql`with
      k as (
        select k.id, k.name, k.scopes, k.revoked_at is not null as revoked, w.id as workspace_id, w.slug, w.default_country,
          w.ledger_salt, w.require_confirmation
        from api_keys k join workspaces w on w.id = k.workspace_id where k.key_hash = ${sha256Hex(key)}),
      failures as (
        select coalesce(max(count), 0) as n from rate_limit_buckets
        where key = ${`${apiAuthFailureLimit.name}:${ip}`} and window_start = ${failWindow.windowStart.toISOString()}::timestamptz),
      ok as (
        select id from k where not revoked and ${scope} = any(scopes) and (select n from failures) < ${apiAuthFailureLimit.limit}),
      hit as (
        insert into rate_limit_buckets (key, window_start, count)
        select ${`${apiKeyLimit.name}:`} || id, ${keyWindow.windowStart.toISOString()}::timestamptz, 1 from ok
        on conflict (key, window_start) do update set count = rate_limit_buckets.count + 1
        returning count),
      used as (
        update api_keys set last_used_at = ${nowIso}::timestamptz
        where id in (select id from ok) and (last_used_at is null or last_used_at < ${nowIso}::timestamptz - interval '1 minute'))
      select k.*, (select count from hit) as hits, (select n from failures) as failures,
        set_config('synchronous_commit', 'off', true) as async_commit
      from (select 1) one left join k on true`,
  );
  if (!row) throw new Error("authentication query returned no row");
  if (Number(row.failures) >= apiAuthFailureLimit.limit) throw new RateLimitedError(failWindow.retryAfterSeconds);
  if (!row.id || row.revoked) return refuse(db, ip, now);
  if (!row.scopes.includes(scope)) throw new MissingScopeError(scope);
  if (Number(row.hits) > apiKeyLimit.limit) throw new RateLimitedError(keyWindow.retryAfterSeconds);
  return {
    keyId: row.id,
    keyName: row.name,
    scopes: row.scopes,
    workspace: {
      id: row.workspace_id,
      slug: row.slug,
      defaultCountry: row.default_country,
      ledgerSalt: row.ledger_salt,
      requireConfirmation: row.require_confirmation,
    },
  };
}

/** Counts a failed authentication against the IP; past the limit the answer becomes 429, so guessing stalls. */
async function refuse(db: DbOrTx, ip: string, now: Date): Promise<never> {
  const result = await hitRateLimit(db, apiAuthFailureLimit, ip, now);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  throw new ApiKeyError();
}
