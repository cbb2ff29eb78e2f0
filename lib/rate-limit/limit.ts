import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { rateLimitBuckets } from "../db/schema/rate-limits";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };
/** What a client is told of the limit it is under (the RateLimit-* headers): the limit, what is left, seconds to the next window. */
export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };

/** The fixed window `now` falls in, and the seconds until it ends. */
export function windowOf(rule: RateLimitRule, now: Date): { windowStart: Date; retryAfterSeconds: number } {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { windowStart: new Date(start), retryAfterSeconds: Math.ceil((start + windowMs - now.getTime()) / 1000) };
}

/**
 * The upsert of hits into their shared buckets, as a CTE body returning each bucket's new count by key: the one
 * statement shape every batched counter here writes (a hit is 1; an instance's batch of a key's hits is more).
 */
export function upsertBucketHits(rows: { key: string; windowStart: Date; hits: number }[]): SQL {
  return sql`insert into rate_limit_buckets (key, window_start, count)
    values ${sql.join(
      rows.map((r) => sql`(${r.key}, ${r.windowStart.toISOString()}::timestamptz, ${r.hits}::int)`),
      sql`, `,
    )}
    on conflict (key, window_start) do update set count = rate_limit_buckets.count + excluded.count
    returning key, count`;
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

/**
 * Like countHits, but the count also weighs the previous window by how much of it still overlaps the last
 * `windowSeconds` (the sliding-window counter): a burst straddling a window boundary cannot get twice the limit
 * through, which a fixed window of one minute would allow. One statement: the upsert and the previous window's
 * read share a snapshot, so every instance on the database sees the same counts. Several limits at once, committed
 * without waiting for the WAL flush as countHits is (a crash may forget the last counts, never a consent). Each
 * rule must differ. Call it on the pool, never inside a transaction. Results in the order given.
 */
export async function hitSlidingRateLimits(db: Db, hits: { rule: RateLimitRule; subject: string }[], now = new Date()): Promise<RateLimitResult[]> {
  const planned = hits.map((h) => {
    const { windowStart, retryAfterSeconds } = windowOf(h.rule, now);
    const previousStart = new Date(windowStart.getTime() - h.rule.windowSeconds * 1000);
    return { ...h, key: `${h.rule.name}:${h.subject}`, windowStart, previousStart, retryAfterSeconds };
  });
  const rows = await queryRows<{ key: string; current: number; previous: number | null }>(
    db,
    sql`with hit as (${upsertBucketHits(planned.map((p) => ({ ...p, hits: 1 })))})
      select h.key, h.count as current,
        (select b.count from rate_limit_buckets b where b.key = h.key and b.window_start = v.previous_start) as previous,
        set_config('synchronous_commit', 'off', true) as async_commit
      from hit h join (values ${sql.join(
        planned.map((p) => sql`(${p.key}, ${p.previousStart.toISOString()}::timestamptz)`),
        sql`, `,
      )}) v(key, previous_start) on v.key = h.key`,
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return planned.map((p) => {
    const row = byKey.get(p.key);
    const overlap = p.retryAfterSeconds / p.rule.windowSeconds;
    const count = Number(row?.current ?? 1) + Number(row?.previous ?? 0) * overlap;
    return { allowed: count <= p.rule.limit, remaining: Math.max(0, Math.floor(p.rule.limit - count)), retryAfterSeconds: p.retryAfterSeconds };
  });
}

/**
 * Counts one hit against each of several limits in ONE statement, committed without waiting for the WAL flush:
 * a crash may forget the last counts, which is harmless for a limit, while a public form does not pay a disk
 * flush for its counters. Each rule must differ. Call it on the pool, never inside a transaction (the
 * asynchronous commit would apply to that transaction). Results in the order given.
 */
export async function countHits(db: Db, hits: { rule: RateLimitRule; subject: string }[], now = new Date()): Promise<RateLimitResult[]> {
  const planned = hits.map((h) => ({ ...h, key: `${h.rule.name}:${h.subject}`, ...windowOf(h.rule, now) }));
  const rows = await queryRows<{ key: string; count: number }>(
    db,
    sql`with hit as (${upsertBucketHits(planned.map((p) => ({ ...p, hits: 1 })))})
      select key, count, set_config('synchronous_commit', 'off', true) as async_commit from hit`,
  );
  const counts = new Map(rows.map((r) => [r.key, Number(r.count)]));
  return planned.map((p) => {
    const count = counts.get(p.key) ?? 1;
    return { allowed: count <= p.rule.limit, remaining: Math.max(0, p.rule.limit - count), retryAfterSeconds: p.retryAfterSeconds };
  });
}

export type RateLimitClaim = { rule: RateLimitRule; subject: string };
export type ClaimResult = { allowed: true; release(): Promise<void> } | { allowed: false; retryAfterSeconds: number };

class ClaimRefused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate limit claim refused");
  }
}

/**
 * Claims one slot under every limit at once, BEFORE the work it guards (a password check), so concurrent requests
 * cannot all read "under the limit" and then all go ahead: each slot is taken by an upsert that adds one only while
 * the count is below the limit (ON CONFLICT ... DO UPDATE ... WHERE, judged on the row locked by that statement).
 * All or nothing: one transaction, rolled back if any limit is full, so a refused request takes no slot and a
 * locked-out address cannot use up the others' limits by trying on. Give the claims in one fixed order of rules
 * (every caller the same), so transactions wait for each other's rows without deadlock. release() gives the slots
 * back, for when the work turned out not to count (a right password).
 */
export async function claimRateLimits(db: DbOrTx, claims: RateLimitClaim[], now = new Date()): Promise<ClaimResult> {
  const planned = claims.map((c) => ({ key: `${c.rule.name}:${c.subject}`, limit: c.rule.limit, ...windowOf(c.rule, now) }));
  try {
    await db.transaction(async (tx) => {
      for (const p of planned) {
        const taken = await tx
          .insert(rateLimitBuckets)
          .values({ key: p.key, windowStart: p.windowStart, count: 1 })
          .onConflictDoUpdate({
            target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
            set: { count: sql`${rateLimitBuckets.count} + 1` },
            setWhere: sql`${rateLimitBuckets.count} < ${p.limit}`,
          })
          .returning({ count: rateLimitBuckets.count });
        if (taken.length === 0) throw new ClaimRefused(p.retryAfterSeconds);
      }
    });
  } catch (error) {
    if (error instanceof ClaimRefused) return { allowed: false, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  return {
    allowed: true,
    async release() {
      for (const p of planned) {
        await db
          .update(rateLimitBuckets)
          .set({ count: sql`${rateLimitBuckets.count} - 1` })
          .where(and(eq(rateLimitBuckets.key, p.key), eq(rateLimitBuckets.windowStart, p.windowStart), sql`${rateLimitBuckets.count} > 0`));
      }
    },
  };
}
