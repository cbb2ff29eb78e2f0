import type { DashboardFigures } from "./dashboard";

const PAGE_TARGET_MS = 100;
const EXPORT_TARGET = 0.5;
const MEMORY_TARGET = 1.1;

const n = (x: number) => Math.round(x).toLocaleString("en");

/** The dashboard figures as the table the README carries: figure, measured, baseline, ratio, target, result. */
export function printDashboardTable(f: DashboardFigures) {
  const verdict = (ok: boolean) => (ok ? "pass" : "falls short");
  const runs = f.exports[0]?.appRuns.length ?? 0;
  console.log(
    `\nDashboard on PostgreSQL: ${n(f.scale.contacts)} contacts, ${n(f.scale.events)} events (generated in ${f.scale.generateSeconds.toFixed(0)} s)` +
      (f.baselineRoute ? "; pages through `next start`, 40 requests each after 5 warm-ups" : "") +
      `; each export ${runs} times over HTTP, alternating with COPY of the same rows (medians)` +
      (f.exports[0]?.scaled ? "; export windows scaled to 20% and 40% of the events (too few for 1,000,000 and 2,000,000 rows)" : "") +
      "\n",
  );
  console.log("| figure | measured | baseline | ratio | target | result |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  const base = f.baselineRoute;
  for (const p of base ? f.pages : []) {
    console.log(
      `| contacts: ${p.name} | p95 ${p.p95.toFixed(1)} ms (p50 ${p.p50.toFixed(1)}) | /api/health p95 ${base!.p95.toFixed(1)} ms | ${(p.p95 / base!.p95).toFixed(1)}× | p95 ≤ ${PAGE_TARGET_MS} ms | ${verdict(p.p95 <= PAGE_TARGET_MS)} |`,
    );
  }
  const spread = (xs: number[]) => `${n(Math.min(...xs))}–${n(Math.max(...xs))}`;
  for (const e of f.exports) {
    console.log(
      `| export CSV, ${n(e.rows)} rows (${e.from} to ${e.to}) | ${n(e.appRowsPerSecond)} rows/s (runs ${spread(e.appRuns)}) | ` +
        `COPY ${n(e.copyRowsPerSecond)} rows/s (runs ${spread(e.copyRuns)}) | ${e.ratio.toFixed(2)} | ≥ ${EXPORT_TARGET} | ${verdict(e.ratio >= EXPORT_TARGET)} |`,
    );
  }
  const [small, large] = f.exports;
  if (small && large) {
    const above = (e: typeof small) => e.peakRssMiB - e.idleRssMiB;
    const peakRatio = large.peakRssMiB / small.peakRssMiB;
    const mem = (e: typeof small) => `peak ${e.peakRssMiB.toFixed(0)} MiB (idle ${e.idleRssMiB.toFixed(0)}, ${above(e) < 0 ? "−" : "+"}${Math.abs(above(e)).toFixed(0)})`;
    console.log(
      `| export memory, ${n(large.rows)} vs ${n(small.rows)} rows | ${mem(large)} | ${mem(small)} | ` +
        `${peakRatio.toFixed(2)} (above idle ${(above(large) / Math.max(1, above(small))).toFixed(2)}) | ≤ ${MEMORY_TARGET} | ${verdict(peakRatio <= MEMORY_TARGET)} |`,
    );
  }
}
