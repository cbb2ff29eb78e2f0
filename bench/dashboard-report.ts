import type { DashboardFigures } from "./dashboard";

const PAGE_TARGET_MS = 100;
const EXPORT_TARGET = 0.5;
const MEMORY_TARGET = 1.1;

/** The dashboard figures as the table the README carries: figure, measured, baseline, ratio, target, result. */
export function printDashboardTable(f: DashboardFigures) {
  const verdict = (ok: boolean) => (ok ? "pass" : "falls short");
  console.log(
    `\nDashboard on PostgreSQL: ${f.scale.contacts.toLocaleString("en")} contacts, ${f.scale.events.toLocaleString("en")} events ` +
      `(generated in ${f.scale.generateSeconds.toFixed(0)} s); pages through \`next start\`, 40 requests each after 5 warm-ups\n`,
  );
  console.log("| figure | measured | baseline | ratio | target | result |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  const base = f.baselineRoute;
  for (const p of f.pages) {
    console.log(
      `| contacts: ${p.name} | p95 ${p.p95.toFixed(1)} ms (p50 ${p.p50.toFixed(1)}) | /api/health p95 ${base.p95.toFixed(1)} ms | ${(p.p95 / base.p95).toFixed(1)}× | p95 ≤ ${PAGE_TARGET_MS} ms | ${verdict(p.p95 <= PAGE_TARGET_MS)} |`,
    );
  }
  for (const e of f.exports) {
    console.log(
      `| export CSV, ${e.rows.toLocaleString("en")} rows | ${e.appRowsPerSecond.toFixed(0)} rows/s | COPY ${e.copyRowsPerSecond.toFixed(0)} rows/s | ${e.ratio.toFixed(2)} | ≥ ${EXPORT_TARGET} | ${verdict(e.ratio >= EXPORT_TARGET)} |`,
    );
  }
  const [small, large] = f.exports;
  if (small && large) {
    const growth = (large.peakRssMiB - small.idleRssMiB) / Math.max(1, small.peakRssMiB - small.idleRssMiB);
    const peakRatio = large.peakRssMiB / small.peakRssMiB;
    console.log(
      `| export memory, ${(large.rows / small.rows).toFixed(2)}× the rows | peak ${large.peakRssMiB.toFixed(0)} MiB | peak ${small.peakRssMiB.toFixed(0)} MiB (idle ${small.idleRssMiB.toFixed(0)}) | ${peakRatio.toFixed(2)} (growth above idle ${growth.toFixed(2)}) | ≤ ${MEMORY_TARGET} | ${verdict(peakRatio <= MEMORY_TARGET)} |`,
    );
  }
}
