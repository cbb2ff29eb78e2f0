import "server-only";
import { sql } from "drizzle-orm";
import type { ApiKeyScope } from "./keys";
import type { Db } from "../db/client";
import { sha256Hex } from "../security/digest";
import { queryRows } from "../db/sql";
import { BatchedRateLimit } from "../rate-limit/batched";
import { hitRateLimit, upsertBucketHits, windowOf, type RateLimitRule, type RateLimitState } from "../rate-limit/limit";
import type { RequestMeta } from "../server/request-meta";
import { ApiKeyError, MissingScopeError, RateLimitedError } from "../api/errors";
import { DEFAULT_API_KEY_PER_MINUTE } from "./api-keys.validation";

/** Who is calling: an API key and the workspace it belongs to. Every query of a request is scoped by this. */
export type ApiPrincipal = {
  keyId: string;
  keyName: string;
  scopes: string[];
  /** Requests a minute this key may make: its own limit, or the default. */
  rateLimitPerMinute: number;
  /** As of the key's lookup, which an instance remembers for API_KEY_CACHE_MS: read what must be current (the confirmation rule) in the request's own query. */
  workspace: { id: string; slug: string; defaultCountry: string; ledgerSalt: string; requireConfirmation: boolean };
};

/** Per key and minute; `limit` is the default, a key's own (api_keys.rate_limit_per_minute) goes before it. */
export const apiKeyLimit: RateLimitRule = { name: "api-key", limit: DEFAULT_API_KEY_PER_MINUTE, windowSeconds: 60 };
/**
 * Failed authentications per client IP: strict, since nobody with a real key fails often, and guessers do. Only
 * failures count, and past the limit only bad keys are refused: a valid key is never refused for its address's
 * failures (a neighbour behind the same NAT, or someone replaying junk from a shared address, cannot lock out a
 * live integration). Guessing still stalls: each guess past the limit costs a 429, and keys are 192 random bits.
 */
export const apiAuthFailureLimit: RateLimitRule = { name: "api-auth-failure", limit: 20, windowSeconds: 60 };

// `ask_` and 24 random bytes in base64url (lib/api-keys/keys.ts). Anything else is refused without a lookup.
const keyShape = /^ask_[A-Za-z0-9_-]{32}$/;

function bearerKey(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match && keyShape.test(match[1]!) ? match[1]! : null;
}

/** A request let through: who is calling, and where its key stands against its limit (for the RateLimit-* headers). */
export type ApiAuthentication = { principal: ApiPrincipal; rateLimit: RateLimitState };

/**
 * How long an instance trusts a key it has looked up: a revoked key (or a changed scope, limit or workspace setting)
 * takes effect on every instance within this time. Within it, a request costs no authentication query.
 */
export const API_KEY_CACHE_MS = 5_000;
/** How often an instance adds its requests to a key's shared rate-limit bucket (lib/rate-limit/batched.ts). */
export const API_KEY_SYNC_MS = 1_000;

type CachedKey = { principal: ApiPrincipal; expires: number };

/** Per database handle, so that separate databases (tests run several in one process) never share what they know. */
type KeyState = { keys: Map<string, CachedKey>; hits: BatchedRateLimit };
const states = new WeakMap<Db, KeyState>();

function stateOf(db: Db): KeyState {
  let state = states.get(db);
  if (!state) {
    // The hits are added with the same async commit and throttled lastUsedAt as the full statement below, every
    // key this instance served since the last sync in one statement.
    const hits = new BatchedRateLimit(apiKeyLimit, API_KEY_SYNC_MS, async (batch) => {
      const nowIso = new Date().toISOString();
      const rows = await queryRows<{ key: string; count: number }>(
        db,
        sql`with
          hit as (${upsertBucketHits(batch.map((b) => ({ ...b, key: `${apiKeyLimit.name}:${b.subject}` })))}),
          used as (
            update api_keys set last_used_at = ${nowIso}::timestamptz
            where id = any(${sql.param(batch.map((b) => b.subject))}::uuid[])
              and (last_used_at is null or last_used_at < ${nowIso}::timestamptz - interval '1 minute'))
          select key, count, set_config('synchronous_commit', 'off', true) as async_commit from hit`,
      );
      return new Map(rows.map((r) => [r.key.slice(apiKeyLimit.name.length + 1), Number(r.count)]));
    });
    state = { keys: new Map(), hits };
    states.set(db, state);
  }
  return state;
}

/** Forgets the keys and counts this instance holds for a database (after a revocation here; in tests). */
export function forgetApiKeys(db: Db): void {
  const state = states.get(db);
  state?.keys.clear();
  state?.hits.clear();
}

/** Adds this instance's pending hits to the shared buckets now, not at the next sync (tests; a graceful stop). */
export async function flushApiKeyHits(db: Db): Promise<void> {
  await states.get(db)?.hits.sync();
}

/**
 * A key this instance looked up less than API_KEY_CACHE_MS ago: its scope is checked and its hit counted in
 * memory (synced now and then), so the request goes straight to its own query.
 */
async function fromCache(db: Db, keyHash: string, scope: ApiKeyScope, now: Date): Promise<ApiAuthentication | null> {
  const state = stateOf(db);
  const cached = state.keys.get(keyHash);
  if (!cached || cached.expires <= now.getTime()) return null;
  const { principal } = cached;
  if (!principal.scopes.includes(scope)) throw new MissingScopeError(scope);
  const limit = principal.rateLimitPerMinute;
  const hit = await state.hits.hit(principal.keyId, now, limit);
  if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds, limit);
  return { principal, rateLimit: { limit, remaining: hit.remaining, resetSeconds: hit.retryAfterSeconds } };
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
  rate_limit_per_minute: number | null;
  hits: number | null;
};

/**
 * Resolves the bearer key and counts the request, in ONE statement: the key and its workspace, the per-key
 * rate-limit hit and the throttled lastUsedAt update. The hit and the update happen only for a live key with
 * the scope; a missing, unknown or revoked key is counted as a failure against the IP (refuse), and only those
 * meet the IP's failure limit.
 * The statement is its own transaction, and it commits without waiting for the WAL flush (set_config with
 * is_local applies to that transaction alone): a crash may forget the last counts and timestamps, which is
 * harmless, while every API request no longer pays a disk flush. Call it on the pool, never inside a transaction.
 */
export async function authenticateApiRequest(db: Db, request: Request, meta: RequestMeta, scope: ApiKeyScope, now = new Date()): Promise<ApiAuthentication> {
  const ip = meta.ip ?? "unknown";
  const key = bearerKey(request);
  if (!key) return refuse(db, ip, now);
  const keyHash = sha256Hex(key);
  const cached = await fromCache(db, keyHash, scope, now);
  if (cached) return cached;

  const keyWindow = windowOf(apiKeyLimit, now);
  const nowIso = now.toISOString();
  const [row] = await queryRows<Row>(
    db,
    sql`with
      k as (
        select k.id, k.name, k.scopes, k.revoked_at is not null as revoked, k.rate_limit_per_minute, w.id as workspace_id, w.slug,
          w.default_country, w.ledger_salt, w.require_confirmation
        from api_keys k join workspaces w on w.id = k.workspace_id where k.key_hash = ${keyHash}),
      ok as (
        select id from k where not revoked and ${scope} = any(scopes)),
      hit as (
        insert into rate_limit_buckets (key, window_start, count)
        select ${`${apiKeyLimit.name}:`} || id, ${keyWindow.windowStart.toISOString()}::timestamptz, 1 from ok
        on conflict (key, window_start) do update set count = rate_limit_buckets.count + 1
        returning count),
      used as (
        update api_keys set last_used_at = ${nowIso}::timestamptz
        where id in (select id from ok) and (last_used_at is null or last_used_at < ${nowIso}::timestamptz - interval '1 minute'))
      select k.*, (select count from hit) as hits,
        set_config('synchronous_commit', 'off', true) as async_commit
      from (select 1) one left join k on true`,
  );
  if (!row) throw new Error("authentication query returned no row");
  if (!row.id || row.revoked) return refuse(db, ip, now);
  const principal: ApiPrincipal = {
    keyId: row.id,
    keyName: row.name,
    scopes: row.scopes,
    rateLimitPerMinute: row.rate_limit_per_minute ?? apiKeyLimit.limit,
    workspace: {
      id: row.workspace_id,
      slug: row.slug,
      defaultCountry: row.default_country,
      ledgerSalt: row.ledger_salt,
      requireConfirmation: row.require_confirmation,
    },
  };
  const state = stateOf(db);
  if (state.keys.size > 10_000) state.keys.clear();
  state.keys.set(keyHash, { principal, expires: now.getTime() + API_KEY_CACHE_MS });
  if (!row.scopes.includes(scope)) throw new MissingScopeError(scope);
  const limit = principal.rateLimitPerMinute;
  const hits = state.hits.seed(row.id, Number(row.hits), now);
  if (hits > limit) throw new RateLimitedError(keyWindow.retryAfterSeconds, limit);
  return { principal, rateLimit: { limit, remaining: Math.max(0, limit - hits), resetSeconds: keyWindow.retryAfterSeconds } };
}

/** Counts a failed authentication against the IP; past the limit the answer becomes 429, so guessing stalls. */
async function refuse(db: Db, ip: string, now: Date): Promise<never> {
  const result = await hitRateLimit(db, apiAuthFailureLimit, ip, now);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds, apiAuthFailureLimit.limit);
  throw new ApiKeyError();
}
