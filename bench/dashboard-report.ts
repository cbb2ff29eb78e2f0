import type { DashboardFigures } from "./dashboard";
import { figure, type Figure } from "./figures";

const PAGE_TARGET_MS = 100;
const EXPORT_TARGET = 0.5;
const MEMORY_TARGET = 1.1;

const n = (x: number) => Math.round(x).toLocaleString("en");

/** The line above the table saying at what scale the dashboard was measured. */
export function dashboardScale(f: DashboardFigures): string {
  const runs = f.exports[0]?.appRuns.length ?? 0;
  return (
    `Dashboard on PostgreSQL: ${n(f.scale.contacts)} contacts, ${n(f.scale.events)} events (generated in ${f.scale.generateSeconds.toFixed(0)} s)` +
    (f.baselineRoute ? "; pages through `next start`, 40 requests each after 5 warm-ups" : "") +
    `; each export ${runs} times over HTTP, alternating with COPY of the same rows (medians)` +
    (f.exports[0]?.scaled ? "; export windows scaled to 20% and 40% of the events (too few for 1,000,000 and 2,000,000 rows)" : "")
  );
}

/** The dashboard's figures as rows of the bench's one table. */
export function dashboardFigures(f: DashboardFigures): Figure[] {
  const rows: Figure[] = [];
  const base = f.baselineRoute;
  for (const p of base ? f.pages : []) {
    rows.push(
      figure({
        figure: `contacts: ${p.name} (p95)`,
        database: "postgres",
        value: p.p95,
        unit: "ms",
        baseline: { label: "/api/health p95", value: base!.p95 },
        target: { value: { atMost: PAGE_TARGET_MS } },
        detail: `p50 ${p.p50.toFixed(1)} ms`,
      }),
    );
  }
  const spread = (xs: number[]) => `${n(Math.min(...xs))}–${n(Math.max(...xs))}`;
  for (const e of f.exports) {
    rows.push(
      figure({
        figure: `export CSV, ${n(e.rows)} rows (${e.from} to ${e.to})`,
        database: "postgres",
        value: e.appRowsPerSecond,
        unit: "rows/s",
        baseline: { label: "COPY of the same rows", value: e.copyRowsPerSecond },
        target: { ratio: { atLeast: EXPORT_TARGET } },
        detail: `runs ${spread(e.appRuns)} vs COPY ${spread(e.copyRuns)}`,
      }),
    );
  }
  const [small, large] = f.exports;
  if (small && large) {
    const above = (e: typeof small) => e.peakRssMiB - e.idleRssMiB;
    rows.push(
      figure({
        figure: `export memory, peak at ${n(large.rows)} rows`,
        database: "postgres",
        value: large.peakRssMiB,
        unit: "MiB",
        baseline: { label: `peak at ${n(small.rows)} rows`, value: small.peakRssMiB },
        target: { ratio: { atMost: MEMORY_TARGET } },
        detail: `idle ${large.idleRssMiB.toFixed(0)} MiB; above idle +${above(large).toFixed(0)} vs +${above(small).toFixed(0)}`,
      }),
    );
  }
  return rows;
}
