import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/sql";
import { anchorPending, sealCheckpoint } from "./anchor/anchor";

export type CheckpointSchedule = { intervalSeconds: number; tsaUrl?: string };

/**
 * One pass: seals each workspace with events after its last checkpoint whose last checkpoint is at least an
 * interval old (or that has none), then timestamps checkpoints a failed authority left without a token. Safe with
 * several instances: the cheap query below only picks candidates; createCheckpoint decides under the workspace's
 * advisory lock, re-reading the last checkpoint, and skips a workspace another instance is sealing.
 */
export async function runCheckpointPass(
  db: Db,
  schedule: CheckpointSchedule,
  options: { onError?: (e: unknown) => void; now?: Date } = {},
): Promise<{ sealed: number; anchored: number }> {
  const { onError = () => {}, now = new Date() } = options;
  const dueBefore = new Date(now.getTime() - schedule.intervalSeconds * 1000).toISOString();
  const due = await queryRows<{ id: string }>(
    db,
    sql`select w.id from workspaces w
      left join lateral (select c.to_position, c.created_at from ledger_checkpoints c where c.workspace_id = w.id order by c.seq desc limit 1) last on true
      where (last.created_at is null or last.created_at <= ${dueBefore}::timestamptz)
        and exists (select 1 from consent_events e where e.workspace_id = w.id and e.position > coalesce(last.to_position, 0))
      order by w.id`,
  );
  let sealed = 0;
  let anchored = 0;
  for (const ws of due) {
    const result = await sealCheckpoint(db, ws.id, { tsaUrl: schedule.tsaUrl, dueAfterSeconds: schedule.intervalSeconds, wait: false, now });
    if (result.checkpoint) sealed += 1;
    if (result.anchored) anchored += 1;
    if (result.anchorError) onError(new Error(result.anchorError));
  }
  if (schedule.tsaUrl) anchored += await anchorPending(db, schedule.tsaUrl, { onError, now });
  return { sealed, anchored };
}

export type CheckpointScheduler = { stop(): Promise<void> };

/**
 * Runs a pass at once and then every minute (or every interval, if shorter), so a workspace's newest events wait
 * at most about one interval for their seal. Passes never overlap within a process; the timer is unref'd.
 */
export function startCheckpointScheduler(
  db: Db,
  schedule: CheckpointSchedule,
  options: { onError?: (e: unknown) => void; onPass?: (r: { sealed: number; anchored: number }) => void } = {},
): CheckpointScheduler {
  const { onError = (e) => console.error("[ledger] checkpoint pass:", e), onPass = () => {} } = options;
  const everyMs = Math.min(schedule.intervalSeconds, 60) * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const plan = (delayMs: number) => {
    timer = setTimeout(() => (running = tick()), delayMs);
    timer.unref();
  };
  const tick = async () => {
    try {
      onPass(await runCheckpointPass(db, schedule, { onError }));
    } catch (error) {
      onError(error);
    }
    if (!stopped) plan(everyMs);
  };
  plan(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
