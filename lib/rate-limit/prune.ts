import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";

/**
 * The longest window of any RateLimitRule (an hour: sign-in failures per account, the hosted form per number,
 * forgot-password per address). A rule with a longer window must raise this, or its buckets are pruned while
 * still counting; prune.test.ts reads every rule in the source and fails if one is longer.
 */
export const LONGEST_WINDOW_SECONDS = 3600;

/**
 * How old a bucket's window start must be before it goes: a bucket counts during its own window, and a sliding
 * limit (hitSlidingRateLimits) still weighs it as the previous window during the next one. Two of the longest
 * windows cover both for every rule.
 */
export const KEEP_BUCKETS_SECONDS = 2 * LONGEST_WINDOW_SECONDS;

export type PruneOptions = { batchSize?: number; maxBatches?: number };

/**
 * Deletes buckets whose window started more than KEEP_BUCKETS_SECONDS before `now`, in batches of `batchSize`,
 * each its own short statement, so a run never holds many row locks for long and counting goes on between batches.
 * Rows another pruner (another instance) has locked are skipped, not waited for. At most `maxBatches` batches a
 * run: a backlog (the first run on a table that grew for months) is worked off over the next runs.
 * No index on window_start: its oldest rows are the first in the heap, where the sequential scan finds a batch at
 * once, and every hit (one upsert per API sync and per public form post) would pay to keep such an index.
 * Returns how many rows were deleted.
 */
export async function pruneRateLimits(db: DbOrTx, now = new Date(), options: PruneOptions = {}): Promise<number> {
  const { batchSize = 1000, maxBatches = 50 } = options;
  const cutoff = new Date(now.getTime() - KEEP_BUCKETS_SECONDS * 1000).toISOString();
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
          delete from rate_limit_buckets where (key, window_start) in (
            select key, window_start from rate_limit_buckets where window_start < ${cutoff}::timestamptz
            limit ${batchSize} for update skip locked)
          returning 1)
        select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    deleted += n;
    if (n < batchSize) break;
  }
  return deleted;
}
