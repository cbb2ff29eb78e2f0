import { cpus } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { append } from "../lib/ledger/append";
import { createTestDatabase, testDatabaseKinds } from "../lib/testing/databases";
import { createLedgerFixture, testPhone, webOptIn } from "../lib/testing/fixtures";
import { baselineAppend } from "./baseline-append";
import { measure, type RunStats } from "./stats";

// `npm run bench [-- --quick] [-- --appends N]`. PostgreSQL is measured when TEST_DATABASE_URL is set.
const args = process.argv.slice(2);
const appendsArg = args.indexOf("--appends");
const perRound = appendsArg >= 0 ? Number(args[appendsArg + 1]) : args.includes("--quick") ? 100 : 500;
const rounds = args.includes("--quick") ? 2 : 4;
// Writers touch a pool of numbers small enough that concurrent appends often meet on one contact.
const PHONES = 200;

type Row = { figure: string; database: string; writers: number; app: RunStats; baseline: RunStats; ratio: number; target: number | null };

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main() {
  const rows: Row[] = [];
  for (const kind of testDatabaseKinds()) {
    const t = await createTestDatabase(kind, { maxConnections: 20 });
    try {
      const fx = await createLedgerFixture(t.db);
      for (const writers of [1, 16]) {
        const app: RunStats[] = [];
        const base: RunStats[] = [];
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
  const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version };
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
  if (!testDatabaseKinds().includes("postgres")) console.log("\nPostgreSQL not measured: set TEST_DATABASE_URL=postgres://… to include it.");
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/latest.json", JSON.stringify({ at: new Date().toISOString(), machine, perRound, rounds, rows }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
