import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { rateLimitBuckets } from "../db/schema/rate-limits";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/** The fixed window `now` falls in, and the seconds until it ends. */
export function windowOf(rule: RateLimitRule, now: Date): { windowStart: Date; retryAfterSeconds: number } {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { windowStart: new Date(start), retryAfterSeconds: Math.ceil((start + windowMs - now.getTime()) / 1000) };
}

/**
 * Counts one hit against `rule` for `subject` (an IP, a phone digest) and says whether it is within the limit.
 * One upsert per check: atomic under concurrency, shared by every instance on the same database.
 */
export async function hitRateLimit(db: DbOrTx, rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  const { windowStart, retryAfterSeconds } = windowOf(rule, now);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key: `${rule.name}:${subject}`, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
      set: { count: sql`${rateLimitBuckets.count} + 1` },
    })
    .returning({ count: rateLimitBuckets.count });
  const count = row?.count ?? 1;
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}

/** Drops windows that ended long ago; called now and then so the table stays small. */
export async function pruneRateLimits(db: DbOrTx, olderThan: Date): Promise<void> {
  await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, olderThan));
}

/** Reads `rule`'s count for `subject` in the current window without counting a hit (for limits on failures only). */
export async function peekRateLimit(db: DbOrTx, rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  const { windowStart, retryAfterSeconds } = windowOf(rule, now);
  const [row] = await db
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(and(eq(rateLimitBuckets.key, `${rule.name}:${subject}`), eq(rateLimitBuckets.windowStart, windowStart)));
  const count = row?.count ?? 0;
  return { allowed: count < rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}
