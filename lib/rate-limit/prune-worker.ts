import "server-only";
import type { DbOrTx } from "../db/client";
import { pruneRateLimits, type PruneOptions } from "./prune";

export type RateLimitPruner = { stop(): Promise<void> };

/**
 * Prunes expired rate-limit buckets at once and then every `intervalMs` (five minutes: each run removes what
 * expired since the last). Runs never overlap within a process; a failed run is logged and the next one tries
 * again. The timer is unref'd, so it never keeps a process alive.
 */
export function startRateLimitPruner(
  db: DbOrTx,
  options: PruneOptions & { intervalMs?: number; onError?: (error: unknown) => void; onRun?: (deleted: number) => void } = {},
): RateLimitPruner {
  const { intervalMs = 5 * 60_000, onError = (error) => console.error("[rate-limit] pruning failed:", error), onRun = () => {}, ...prune } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => (running = tick()), delayMs);
    timer.unref();
  };
  const tick = async () => {
    try {
      onRun(await pruneRateLimits(db, new Date(), prune));
    } catch (error) {
      onError(error);
    }
    if (!stopped) schedule(intervalMs);
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
