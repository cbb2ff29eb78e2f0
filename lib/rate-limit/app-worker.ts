import "server-only";
import type { DbOrTx } from "../db/client";
import { startRateLimitPruner, type RateLimitPruner } from "./prune-worker";

// On globalThis so that a module reloaded by the dev server does not start a second pruner in the same process.
const slot = globalThis as typeof globalThis & { assentRateLimitPruner?: RateLimitPruner };

/** Starts this process's pruning of expired rate-limit buckets once. */
export function startAppRateLimitPruner(db: DbOrTx): void {
  if (slot.assentRateLimitPruner) return;
  slot.assentRateLimitPruner = startRateLimitPruner(db);
}
