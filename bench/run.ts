import { cpus } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { append } from "../lib/ledger/append";
import { createTestDatabase, testDatabaseKinds } from "../lib/testing/databases";
import { createLedgerFixture, testPhone, webOptIn } from "../lib/testing/fixtures";
import { baselineAppend } from "./baseline-append";
import { printApiTable, runApiBench } from "./api";
import { runDashboardBench } from "./dashboard";
import { printDashboardTable } from "./dashboard-report";
import { printQualityLines } from "./quality";
import { measure, type RunStats } from "./stats";

// `npm run bench [-- --quick] [-- --appends N] [-- --contacts N] [-- --only append|dashboard|export|api] [-- --no-build]`.
// PostgreSQL is measured when TEST_DATABASE_URL is set; the dashboard figures need it. `export` is the dashboard
// bench without its contacts pages (the data is still generated at the scale asked).
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const contactsArg = args.indexOf("--contacts");
const dashboardContacts = contactsArg >= 0 ? Number(args[contactsArg + 1]) : args.includes("--quick") ? 50_000 : 1_000_000;
const appendsArg = args.indexOf("--appends");
const perRound = appendsArg >= 0 ? Number(args[appendsArg + 1]) : args.includes("--quick") ? 100 : 500;
const rounds = args.includes("--quick") ? 2 : 4;
// Writers touch a pool of numbers small enough that concurrent appends often meet on one contact.
const PHONES = 200;

type Row = { figure: string; database: string; writers: number; app: RunStats; baseline: RunStats; ratio: number; target: number | null };

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function appendFigures(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const kind of testDatabaseKinds()) {
    const t = await createTestDatabase(kind, { maxConnections: 20 });
    try {
      const fx = await createLedgerFixture(t.db);
      for (const writers of [1, 16]) {
        const app: RunStats[] = [];
        const base: RunStats[] = [];
        // An unmeasured warm-up of both sides first, so neither pays for opening the pool's connections.
        await measure(Math.min(perRound, 100), writers, (i) => append(t.db, webOptIn(fx, testPhone(9000 + (i % PHONES)))));
        await measure(Math.min(perRound, 100), writers, (i) => baselineAppend(t.db, fx, testPhone(9500 + (i % PHONES)), ["tips"]));
        // Alternate rounds so the shared machine's noise falls on both sides alike.
        for (let r = 0; r < rounds; r++) {
          const categories = (i: number) => (i % 2 ? ["orders", "offers"] : ["tips"]);
          app.push(await measure(perRound, writers, (i) => append(t.db, webOptIn(fx, testPhone(i % PHONES), { categories: categories(i) }))));
          base.push(await measure(perRound, writers, (i) => baselineAppend(t.db, fx, testPhone(5000 + (i % PHONES)), categories(i))));
        }
        const merge = (xs: RunStats[]): RunStats => ({
          perSecond: xs.reduce((a, x) => a + x.perSecond, 0) / xs.length,
          p50: xs.reduce((a, x) => a + x.p50, 0) / xs.length,
          p99: xs.reduce((a, x) => a + x.p99, 0) / xs.length,
        });
        const a = merge(app);
        const b = merge(base);
        rows.push({ figure: "ledger append", database: kind, writers, app: a, baseline: b, ratio: a.perSecond / b.perSecond, target: writers === 16 ? 0.7 : null });
      }
    } finally {
      await t.drop();
    }
  }
  return rows;
}

async function main() {
  const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version };
  const rows = only === "dashboard" || only === "export" || only === "api" ? [] : await appendFigures();
  const dashboard =
    only === "append" || only === "api" || !testDatabaseKinds().includes("postgres")
      ? null
      : await runDashboardBench({ contacts: dashboardContacts, eventsPerContact: 5, pages: only !== "export", log: (line) => console.log(line) });
  // The public API over HTTP; it reuses the dashboard's production build when that ran.
  const api =
    (only !== undefined && only !== "api") || !testDatabaseKinds().includes("postgres")
      ? null
      : await runApiBench({ contacts: 20_000, requests: args.includes("--quick") ? 200 : 1000, rounds, build: dashboard === null && !args.includes("--no-build"), log: (line) => console.log(line) });
  if (rows.length) printAppendTable(rows, machine);
  if (dashboard) printDashboardTable(dashboard);
  if (dashboard) printQualityLines(dashboard.quality, dashboard.baselineRoute);
  if (api) printApiTable(api);
  if (!testDatabaseKinds().includes("postgres")) console.log("\nPostgreSQL not measured: set TEST_DATABASE_URL=postgres://… to include it.");
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/latest.json", JSON.stringify({ at: new Date().toISOString(), machine, perRound, rounds, rows, dashboard, api }, null, 2));
}

function printAppendTable(rows: Row[], machine: { cpu: string; cores: number; node: string }) {
  console.log(`\nLedger append: ${rounds} alternating rounds of ${perRound} appends each, on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}\n`);
  console.log("| figure | database | writers | app appends/s (p50/p99 ms) | bare SQL appends/s (p50/p99 ms) | ratio | target | result |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const result = r.target === null ? "—" : r.ratio >= r.target ? "pass" : "falls short";
    console.log(
      `| ${r.figure} | ${r.database} | ${r.writers} | ${fmt(r.app.perSecond)} (${fmt(r.app.p50)}/${fmt(r.app.p99)}) | ` +
        `${fmt(r.baseline.perSecond)} (${fmt(r.baseline.p50)}/${fmt(r.baseline.p99)}) | ${fmt(r.ratio, 2)} | ${r.target === null ? "—" : `≥ ${r.target}`} | ${result} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
