import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { evaluateAlerts } from "./alerts";
import { foldWorkspace } from "./fold";
import { flushFormViews } from "./form-views";

export type QualityWorker = { stop(): Promise<void> };

/** Alert rules also run when nothing new arrived, since their 7-day window moves with the clock. */
const RECHECK_SECONDS = 60;

/**
 * One pass: flush counted form views, fold every workspace's new events (a workspace another instance is
 * folding is skipped, see foldBatch), and run the alert rules where something changed or a minute has passed.
 * Returns how many alerts were raised, so the caller can wake the webhook worker.
 */
export async function runQualityPass(db: DbOrTx): Promise<{ folded: number; raised: number }> {
  await flushFormViews(db);
  const workspaces = await queryRows<{ id: string; slug: string; stale: boolean }>(
    db,
    sql`select w.id, w.slug, coalesce(s.alerts_checked_at < now() - make_interval(secs => ${RECHECK_SECONDS}), true) as stale
      from workspaces w left join quality_fold_state s on s.workspace_id = w.id`,
  );
  let folded = 0;
  let raised = 0;
  for (const ws of workspaces) {
    const result = await foldWorkspace(db, ws.id, { wait: false });
    folded += result.folded;
    if (result.folded > 0 || ws.stale) raised += (await evaluateAlerts(db, ws)).raised;
  }
  return { folded, raised };
}

/** Polls every few seconds; passes never overlap within a process. */
export function startQualityWorker(db: DbOrTx, options: { intervalMs?: number; onRaised?: () => void; onError?: (e: unknown) => void } = {}): QualityWorker {
  const { intervalMs = 5000, onRaised = () => {}, onError = (e) => console.error("quality worker:", e) } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      if ((await runQualityPass(db)).raised > 0) onRaised();
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  timer = setTimeout(() => (running = tick()), 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
