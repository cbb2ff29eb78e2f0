/**
 * One figure of `npm run bench`: what was measured, beside what it is compared with, and whether it meets its
 * target. Every part of the bench (ledger appends, dashboard, API, hosted form) returns a list of these; run.ts
 * prints them as ONE table and writes them to bench/results/. To add a figure, push a `figure({...})` to the list
 * your part returns.
 */
export type Database = "pglite" | "postgres" | "any";
export type Verdict = "pass" | "falls short" | "—";

/** A target on the ratio (figure / baseline), on the value itself, or both; no target means "shown for context". */
export type Target = {
  ratio?: { atLeast?: number; atMost?: number };
  value?: { atLeast?: number; atMost?: number };
};

export type Figure = {
  figure: string;
  database: Database;
  /** The measured value and its unit (requests/s, ms, kB, score…). */
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run, in the same unit; null for absolute figures. */
  baseline: { label: string; value: number } | null;
  ratio: number | null;
  target: Target;
  verdict: Verdict;
  /** Spread, percentiles, sizes: what a reader needs to trust the figure. */
  detail?: string;
};

function within(x: number, bound: { atLeast?: number; atMost?: number } | undefined): boolean {
  if (!bound) return true;
  return (bound.atLeast === undefined || x >= bound.atLeast) && (bound.atMost === undefined || x <= bound.atMost);
}

export function figure(f: Omit<Figure, "ratio" | "verdict">): Figure {
  const ratio = f.baseline && f.baseline.value !== 0 ? f.value / f.baseline.value : null;
  const hasTarget = Boolean(f.target.ratio || f.target.value);
  const ok = within(f.value, f.target.value) && (!f.target.ratio || (ratio !== null && within(ratio, f.target.ratio)));
  return { ...f, ratio, verdict: hasTarget ? (ok ? "pass" : "falls short") : "—" };
}

/** Rounds to a readable precision: 3 significant digits below 100, whole numbers with separators above. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString("en");
  return Number(x.toPrecision(3)).toString();
}

function formatBound(prefix: string, unit: string, b: { atLeast?: number; atMost?: number }): string[] {
  const out: string[] = [];
  if (b.atLeast !== undefined) out.push(`${prefix}≥ ${formatNumber(b.atLeast)}${unit}`);
  if (b.atMost !== undefined) out.push(`${prefix}≤ ${formatNumber(b.atMost)}${unit}`);
  return out;
}

export function formatTarget(f: Pick<Figure, "target" | "unit">): string {
  const parts = [...formatBound("", "×", f.target.ratio ?? {}), ...formatBound("", ` ${f.unit}`, f.target.value ?? {})];
  return parts.length ? parts.join(" and ") : "—";
}

/** The table as GitHub markdown, the form the README carries. */
export function formatTable(figures: Figure[]): string {
  const lines = ["| figure | database | value | baseline | ratio | target | result |", "| --- | --- | --- | --- | --- | --- | --- |"];
  for (const f of figures) {
    const value = `${formatNumber(f.value)} ${f.unit}${f.detail ? ` (${f.detail})` : ""}`;
    const baseline = f.baseline ? `${f.baseline.label}: ${formatNumber(f.baseline.value)} ${f.unit}` : "—";
    const ratio = f.ratio === null ? "—" : `${f.ratio.toFixed(2)}×`;
    lines.push(`| ${f.figure} | ${f.database} | ${value} | ${baseline} | ${ratio} | ${formatTarget(f)} | ${f.verdict} |`);
  }
  return lines.join("\n");
}

/** Counts of each verdict, for the line under the table. */
export function summarize(figures: Figure[]): { pass: number; short: number; context: number } {
  return {
    pass: figures.filter((f) => f.verdict === "pass").length,
    short: figures.filter((f) => f.verdict === "falls short").length,
    context: figures.filter((f) => f.verdict === "—").length,
  };
}
