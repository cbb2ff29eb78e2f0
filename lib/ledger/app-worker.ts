import "server-only";
import type { Db } from "../db/client";
import { env } from "../env";
import { startCheckpointScheduler, type CheckpointScheduler } from "./checkpoint-scheduler";

// On globalThis so that a module reloaded by the dev server does not start a second scheduler in the same process.
const slot = globalThis as typeof globalThis & { assentCheckpointScheduler?: CheckpointScheduler };

/** Starts this process's checkpoint schedule once, unless LEDGER_CHECKPOINT_INTERVAL_SECONDS=0. */
export function startAppCheckpointScheduler(db: Db): void {
  const { LEDGER_CHECKPOINT_INTERVAL_SECONDS: intervalSeconds, TSA_URL: tsaUrl } = env();
  if (slot.assentCheckpointScheduler || intervalSeconds === 0) return;
  slot.assentCheckpointScheduler = startCheckpointScheduler(db, { intervalSeconds, tsaUrl });
}
