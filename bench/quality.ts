import { sql } from "drizzle-orm";
import type { Db } from "../lib/db/client";
import { foldWorkspace } from "../lib/quality/fold";
import { figure, type Figure } from "./figures";

/** The quality home page's figures (issue 6): how long the folder took over the generated ledger, and the page's server time. */
export type QualityFigures = {
  foldSeconds: number;
  events: number;
  pages: { name: string; url: string; p50: number; p95: number }[];
};

export const HOME_TARGET_MS = 200;

/**
 * Builds the rollups the way a live install does, through the folder (the generator writes the ledger by SQL and
 * bypasses append, as a restore or an upgrade on an existing ledger would), and times it.
 */
export async function foldGeneratedLedger(db: Db, workspaceId: string, log: (line: string) => void): Promise<{ seconds: number; events: number }> {
  const started = performance.now();
  // In batches of 50,000 events, each in its own transaction with the watermark, as the worker folds.
  const { folded: events } = await foldWorkspace(db, workspaceId, { wait: true });
  await db.execute(sql`analyze quality_daily`);
  await db.execute(sql`analyze quality_form_daily`);
  const seconds = (performance.now() - started) / 1000;
  log(`  quality: rollups folded from ${events.toLocaleString("en")} events in ${seconds.toFixed(1)} s`);
  return { seconds, events };
}

/** The home page in the views a marketer opens: the default, a year by week and form, a month by category. */
export function homeUrls(ws: string): [string, string][] {
  return [
    ["home: default (90 days, daily, by channel)", `${ws}`],
    ["home: 12 months, weekly, by form", `${ws}?days=365&by=week&split=form`],
    ["home: 30 days, daily, by category", `${ws}?days=30&by=day&split=category`],
  ];
}

/** The home page's figures for the bench's one table; the fold's time is shown for context. */
export function qualityFigures(q: QualityFigures | undefined, baseline: { p95: number } | null): Figure[] {
  if (!q) return [];
  return [
    figure({
      figure: `quality rollups folded from ${q.events.toLocaleString("en")} events`,
      database: "postgres",
      value: q.foldSeconds,
      unit: "s",
      baseline: null,
      target: {},
    }),
    ...q.pages.map((p) =>
      figure({
        figure: `${p.name} (p95)`,
        database: "postgres",
        value: p.p95,
        unit: "ms",
        baseline: baseline ? { label: "/api/health p95", value: baseline.p95 } : null,
        target: { value: { atMost: HOME_TARGET_MS } },
        detail: `p50 ${p.p50.toFixed(1)} ms; 40 requests after 5 warm-ups`,
      }),
    ),
  ];
}
