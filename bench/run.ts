import { spawnSync } from "node:child_process";
import { append } from "../lib/ledger/append";
import type { DatabaseKind } from "../lib/db/client";
import { createTestDatabase, testDatabaseKinds } from "../testing/databases";
import { createLedgerFixture, testPhone, webOptIn } from "../testing/fixtures";
import { apiFigures } from "./api";
import { BENCH_AUTH_SECRET } from "./app-server";
import { baselineAppend } from "./baseline-append";
import { commitOrderFigures } from "./commit-order";
import { runDashboardBench } from "./dashboard";
import { dashboardFigures, dashboardScale } from "./dashboard-report";
import { figure, formatTable, summarize, type Figure } from "./figures";
import { hostedFormFigures, hostedPageJavascript } from "./hosted-form";
import { setUpHttpBench } from "./http-setup";
import { qualityFigures } from "./quality";
import { machineNow, writeResults } from "./results";
import { mergeRuns, measure, type RunStats } from "./stats";

/**
 * `npm run bench [-- --quick] [-- --only append,commit-order,dashboard,export,http] [-- --database pglite|postgres] [-- --contacts N] [-- --appends N] [-- --no-build]`
 *
 * Every figure the issues ask for, each beside its baseline measured in the same run, printed as ONE table and
 * written to bench/results/latest.json (and a timestamped copy). PostgreSQL is measured when TEST_DATABASE_URL
 * is set; the dashboard figures need it. Parts: `append` (ledger appends vs the same SQL bare, both databases),
 * `commit-order` (ledger appends with the events API's commit-order stamp and index vs the schema before it),
 * `dashboard` (contacts pages and exports at scale, PostgreSQL), `export` (the dashboard part without its pages),
 * `http` (the API, the hosted form's submissions, Lighthouse and the page's JavaScript, both databases).
 */
// The bench seals the channel secrets it sets up (bench/http-setup.ts) with the key the server it starts will open
// them with: both take it from AUTH_SECRET.
process.env.AUTH_SECRET = BENCH_AUTH_SECRET;
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const numberArg = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const only = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1]!.split(",")) : null;
// `export` is the dashboard part without its pages; `api` (its former name) the http part.
const wants = (part: string) => !only || only.has(part) || (part === "dashboard" && only.has("export")) || (part === "http" && only.has("api"));
const dashboardContacts = numberArg("--contacts", quick ? 50_000 : 1_000_000);
const perRound = numberArg("--appends", quick ? 100 : 500);
const rounds = quick ? 2 : 4;
const httpContacts = quick ? 10_000 : 200_000;
const httpRequests = quick ? 100 : 1000;
const lighthouseRuns = quick ? 3 : 5;
// Writers touch a pool of numbers small enough that concurrent appends often meet on one contact.
const PHONES = 200;

const log = (line: string) => console.log(line);

async function appendFigures(kinds: DatabaseKind[]): Promise<Figure[]> {
  const rows: Figure[] = [];
  for (const kind of kinds) {
    const t = await createTestDatabase(kind, { maxConnections: 20 });
    try {
      const fx = await createLedgerFixture(t.db);
      for (const writers of [1, 16]) {
        const app: RunStats[] = [];
        const base: RunStats[] = [];
        // An unmeasured warm-up of both sides first, so neither pays for opening the pool's connections.
        await measure(Math.min(perRound, 100), writers, (i) => append(t.db, webOptIn(fx, testPhone(9000 + (i % PHONES)))));
        await measure(Math.min(perRound, 100), writers, (i) => baselineAppend(t.db, fx, testPhone(9500 + (i % PHONES)), ["tips"]));
        for (let r = 0; r < rounds; r++) {
          const categories = (i: number) => (i % 2 ? ["orders", "offers"] : ["tips"]);
          app.push(await measure(perRound, writers, (i) => append(t.db, webOptIn(fx, testPhone(i % PHONES), { categories: categories(i) }))));
          base.push(await measure(perRound, writers, (i) => baselineAppend(t.db, fx, testPhone(5000 + (i % PHONES)), categories(i))));
        }
        const a = mergeRuns(app);
        const b = mergeRuns(base);
        rows.push(
          figure({
            figure: `ledger append, ${writers} writer${writers === 1 ? "" : "s"}`,
            database: kind,
            value: a.perSecond,
            unit: "appends/s",
            baseline: { label: "the same SQL bare", value: b.perSecond },
            target: writers === 16 ? { ratio: { atLeast: 0.7 } } : {},
            detail: `p50/p99 ${a.p50.toFixed(1)}/${a.p99.toFixed(1)} ms vs ${b.p50.toFixed(1)}/${b.p99.toFixed(1)} ms`,
          }),
        );
        log(`  ${kind} appends, ${writers} writers: ${a.perSecond.toFixed(0)}/s vs ${b.perSecond.toFixed(0)}/s`);
      }
    } finally {
      await t.drop();
    }
  }
  return rows;
}

/** Runs one part; if it fails, says so under the table and keeps the figures the other parts measured. */
async function part(name: string, notes: string[], run: () => Promise<Figure[]>): Promise<Figure[]> {
  try {
    return await run();
  } catch (error) {
    console.error(`${name} failed:`, error);
    notes.push(`${name}: failed (${(error as Error).message}); its figures are missing.`);
    return [];
  }
}

async function httpFigures(kind: DatabaseKind, withJavascript: boolean, notes: string[]): Promise<Figure[]> {
  const setup = await setUpHttpBench(kind, httpContacts, log);
  try {
    const figures = await part(`API on ${kind}`, notes, () => apiFigures(setup, { requests: httpRequests, rounds, log }));
    figures.push(
      ...(await part(`hosted form on ${kind}`, notes, () => hostedFormFigures(setup, { requests: Math.round(httpRequests / 2), rounds, lighthouseRuns, log }))),
    );
    if (withJavascript) figures.push(...(await part("hosted page JavaScript", notes, async () => [await hostedPageJavascript(setup, log)])));
    return figures;
  } finally {
    await setup.close();
  }
}

async function main() {
  const started = machineNow();
  // `--database` narrows a run to one kind (for a quicker look at one); a full run measures every kind it can.
  const kinds = testDatabaseKinds().filter((k) => !args.includes("--database") || args[args.indexOf("--database") + 1] === k);
  const figures: Figure[] = [];
  const notes: string[] = [];
  if (wants("append")) {
    log("Ledger appends against the same SQL sent bare…");
    figures.push(...(await part("ledger appends", notes, () => appendFigures(kinds))));
  }
  if (wants("commit-order")) {
    log("Ledger appends with commit-order paging against the schema before it…");
    figures.push(...(await part("commit order", notes, () => commitOrderFigures(kinds, { perRound, rounds, phones: PHONES, log }))));
  }
  const http = wants("http");
  const dashboard = wants("dashboard") && kinds.includes("postgres");
  if ((http || dashboard) && !args.includes("--no-build")) {
    log("Building the app (npm run build)…");
    const build = spawnSync("npm", ["run", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  if (dashboard) {
    log("Dashboard on PostgreSQL…");
    figures.push(
      ...(await part("dashboard", notes, async () => {
        const d = await runDashboardBench({ contacts: dashboardContacts, eventsPerContact: 5, pages: !only?.has("export") || only.has("dashboard"), log });
        notes.push(dashboardScale(d));
        return [...dashboardFigures(d), ...qualityFigures(d.quality, d.baselineRoute)];
      })),
    );
  }
  if (http) {
    for (const [i, kind] of kinds.entries()) {
      log(`API and hosted form over HTTP on ${kind}…`);
      figures.push(...(await part(`HTTP on ${kind}`, notes, () => httpFigures(kind, i === 0, notes))));
    }
    notes.push(
      `API and hosted form: ${httpContacts.toLocaleString("en")} contacts per database, ${rounds} alternating rounds of ${httpRequests} requests ` +
        `(${Math.round(httpRequests / 2)} form submissions, ${Math.max(4, Math.round(httpRequests / 50))} bulk checks) per figure; Lighthouse ${lighthouseRuns} runs`,
    );
  }
  if (!kinds.includes("postgres")) notes.push("PostgreSQL not measured: set TEST_DATABASE_URL=postgres://… to include it (the dashboard figures need it).");

  const machine = { ...started, loadAfter: machineNow().load };
  console.log(
    `\n${machine.cpu} (${machine.cores} cores), Node ${machine.node}; load average ${machine.load.join(" ")} at the start, ${machine.loadAfter.join(" ")} at the end${quick ? "; --quick" : ""}\n`,
  );
  for (const note of notes) console.log(note);
  console.log(`\n${formatTable(figures)}\n`);
  const s = summarize(figures);
  console.log(`${s.pass} pass, ${s.short} fall short, ${s.context} shown for context.`);
  const files = writeResults({ machine, quick, notes, figures });
  console.log(`Written to ${files.join(" and ")}.`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
