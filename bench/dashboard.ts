import { encode } from "next-auth/jwt";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { sql } from "drizzle-orm";
import type { Db } from "../lib/db/client";
import { createStaffSession } from "../lib/auth/staff-sessions";
import { upsertMember } from "../lib/auth/users";
import type { ExportFilter } from "../lib/exports/events";
import { toExportFilter } from "../lib/exports/routes";
import { exportParamsQuery } from "../lib/exports/filters";
import { generateBulkLedger } from "../lib/seed/bulk-ledger";
import { createLedgerFixture } from "../testing/fixtures";
import { createTestDatabase } from "../testing/databases";
import { BENCH_AUTH_SECRET, benchPorts, startBenchServer, treeRssMiB, type BenchServer } from "./app-server";
import { closestWindow, exportTargets, type DayCount } from "./export-windows";
import { percentile } from "./stats";
import { foldGeneratedLedger, homeUrls, type QualityFigures } from "./quality";

/**
 * The dashboard's figures on PostgreSQL at scale (issue 3): contacts pages' server time through the real
 * production server, exports against COPY of the same rows, and the server's memory during exports.
 */
export type DashboardFigures = {
  scale: { contacts: number; events: number; generateSeconds: number };
  pages: { name: string; url: string; p50: number; p95: number }[];
  /** Null when only the exports were asked for. */
  baselineRoute: { p50: number; p95: number } | null;
  exports: {
    /** Rows asked for, and whether that is a share of a ledger too small for the full-scale sizes. */
    targetRows: number;
    scaled: boolean;
    from: string;
    to: string;
    rows: number;
    appRuns: number[];
    copyRuns: number[];
    /** Medians of the runs. */
    appRowsPerSecond: number;
    copyRowsPerSecond: number;
    ratio: number;
    /** The server's highest resident memory over this size's runs, and before any export (after a small warm-up one). */
    peakRssMiB: number;
    idleRssMiB: number;
  }[];
  /** The quality home page (issue 6); absent when only the exports were asked for. */
  quality?: QualityFigures;
};

const SAMPLES = 40;

async function timeGet(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

export async function sampleGets(url: string, cookie: string) {
  for (let i = 0; i < 5; i++) await timeGet(url, cookie);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await timeGet(url, cookie));
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Rows of a CSV stream (lines after the header): memchr-fast, so the reading client takes little of the CPU both sides share. */
async function countRows(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let rows = -1;
  for await (const chunk of chunks) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) rows++;
  }
  return rows;
}

/** Each contacts view SAMPLES times after warm-ups, beside the server's most trivial route. */
async function measurePages(ws: string, base: string, cookie: string, log: (line: string) => void) {
  const firstPage = await (await fetch(`${ws}/contacts`, { headers: { cookie } })).text();
  const next = /href="(\/[^"]+\/contacts\?after=[^"]+)"/.exec(firstPage)?.[1]?.replace(/&amp;/g, "&");
  const urls: [string, string][] = [
    ["first page", `${ws}/contacts`],
    ["second page (keyset)", next ? `${base}${next}` : `${ws}/contacts`],
    ["offers opted out", `${ws}/contacts?category=offers&state=opted_out`],
    ["tips never opted in", `${ws}/contacts?category=tips&state=never`],
    ["confirmed level, oldest first", `${ws}/contacts?level=single&sort=oldest`],
    ["channel api", `${ws}/contacts?channel=api`],
    ["form join", `${ws}/contacts?form=join`],
    ["phone search", `${ws}/contacts?q=${encodeURIComponent("(212) 200-0500")}`],
    ["name prefix", `${ws}/contacts?q=Ana`],
    [
      "first seen in a month",
      `${ws}/contacts?from=${new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}`,
    ],
  ];
  const pages = [];
  for (const [name, url] of urls) {
    pages.push({ name, url: url.replace(base, ""), ...(await sampleGets(url, cookie)) });
    log(`  ${name}: p50 ${pages.at(-1)!.p50.toFixed(1)} ms, p95 ${pages.at(-1)!.p95.toFixed(1)} ms`);
  }
  const home = [];
  for (const [name, url] of homeUrls(ws)) {
    home.push({ name, url: url.replace(base, ""), ...(await sampleGets(url, cookie)) });
    log(`  ${name}: p50 ${home.at(-1)!.p50.toFixed(1)} ms, p95 ${home.at(-1)!.p95.toFixed(1)} ms`);
  }
  const baselineRoute = await sampleGets(`${base}/api/health`, cookie);
  return { pages, home, baselineRoute };
}

/** Streams an export over HTTP, counting rows, while sampling the server's memory. */
async function timeExport(url: string, cookie: string, pid: number) {
  let peak = treeRssMiB(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMiB(pid))), 50);
  try {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
    // Node's web streams are async-iterable; the DOM typings do not say so.
    const rows = await countRows(res.body as unknown as AsyncIterable<Uint8Array>);
    return { rows, perSecond: rows / ((performance.now() - t0) / 1000), peak };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The baseline: PostgreSQL's own COPY … TO STDOUT (CSV) of the same rows and columns through the same driver,
 * each value as PostgreSQL prints it. The window is the export's, read the way the route reads its filters.
 */
async function timeCopy(databaseUrl: string, filter: ExportFilter) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const literal = (d: Date) => pg.escapeLiteral(d.toISOString());
    const query = `copy (select e.position, e.id as event_id, e.occurred_at, e.recorded_at, c.phone, e.category_key as category, e.action,
        e.channel, e.opt_in_level, e.form_version_id, e.language, e.evidence, e.actor, p.ip, p.user_agent, p.note, e.prev_hash, e.hash
      from consent_events e join contacts c on c.id = e.contact_id left join event_personal_data p on p.event_id = e.id
      where e.workspace_id = ${pg.escapeLiteral(filter.workspaceId)} and e.occurred_at >= ${literal(filter.from!)} and e.occurred_at < ${literal(filter.to!)}
      order by e.position) to stdout with (format csv, header)`;
    const t0 = performance.now();
    const rows = await countRows(client.query(copyTo(query)));
    return { rows, perSecond: rows / ((performance.now() - t0) / 1000) };
  } finally {
    await client.end();
  }
}

/** Events per UTC day, the unit the export's date filters go by. */
async function eventsPerDay(db: Db, workspaceId: string): Promise<DayCount[]> {
  const result = await db.execute(sql`select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as rows
    from consent_events where workspace_id = ${workspaceId} group by 1 order by 1`);
  return (result as unknown as { rows: DayCount[] }).rows;
}

const EXPORT_RUNS = 3;

/**
 * Exports of two sizes, the second twice the first, each run EXPORT_RUNS times alternating with COPY of the same
 * rows so the shared machine's noise falls on both; medians of each side, and the server's peak memory per size.
 */
async function measureExports(
  db: Db,
  databaseUrl: string,
  workspace: { id: string; slug: string },
  server: { base: string; pid: number },
  cookie: string,
  events: number,
  log: (line: string) => void,
): Promise<DashboardFigures["exports"]> {
  const targets = exportTargets(events);
  const days = await eventsPerDay(db, workspace.id);
  log(
    targets.scaled
      ? `  exports: ${events.toLocaleString("en")} events is too few for 1,000,000 and 2,000,000 rows; windows of 20% and 40% of them instead`
      : "  exports: windows of 1,000,000 and 2,000,000 rows",
  );
  // One small export first, unmeasured, so that loading the route's code is neither in a timed run nor taken for
  // growth; the server's memory then is the idle figure the peaks are compared with.
  await timeExport(
    `${server.base}/${workspace.slug}/exports/download?${exportParamsQuery({ format: "csv", from: days[0]!.day, to: days[0]!.day })}`,
    cookie,
    server.pid,
  );
  const idleRssMiB = treeRssMiB(server.pid);
  const sizes = [];
  for (const target of targets.rows) {
    const window = closestWindow(days, target);
    const query = exportParamsQuery({ format: "csv", from: window.from, to: window.to });
    const filter = toExportFilter(workspace.id, { format: "csv", from: window.from, to: window.to });
    const app: number[] = [];
    const copy: number[] = [];
    let peakRssMiB = 0;
    log(`  export window ${window.from} to ${window.to}: ${window.rows.toLocaleString("en")} rows (asked ${target.toLocaleString("en")})`);
    for (let run = 0; run < EXPORT_RUNS; run++) {
      const a = await timeExport(`${server.base}/${workspace.slug}/exports/download?${query}`, cookie, server.pid);
      const c = await timeCopy(databaseUrl, filter);
      // Both must be the window's rows, or the ratio compares different work.
      if (a.rows !== window.rows || c.rows !== window.rows)
        throw new Error(`window ${window.from}..${window.to} has ${window.rows} rows; export gave ${a.rows}, COPY ${c.rows}`);
      app.push(a.perSecond);
      copy.push(c.perSecond);
      peakRssMiB = Math.max(peakRssMiB, a.peak);
      log(
        `  export ${window.rows.toLocaleString("en")} rows, run ${run + 1}: ${a.perSecond.toFixed(0)} rows/s vs COPY ${c.perSecond.toFixed(0)} rows/s, peak RSS ${a.peak.toFixed(0)} MiB`,
      );
    }
    const appRowsPerSecond = percentile(app, 50);
    const copyRowsPerSecond = percentile(copy, 50);
    sizes.push({
      targetRows: target,
      scaled: targets.scaled,
      ...window,
      appRuns: app,
      copyRuns: copy,
      appRowsPerSecond,
      copyRowsPerSecond,
      ratio: appRowsPerSecond / copyRowsPerSecond,
      peakRssMiB,
      idleRssMiB,
    });
  }
  return sizes;
}

export async function runDashboardBench(options: {
  contacts: number;
  eventsPerContact: number;
  /** False: the exports only, without the contacts pages. */
  pages?: boolean;
  log: (line: string) => void;
}): Promise<DashboardFigures> {
  // The pages are measured as users get them: from the production build run.ts made of the current code.
  const t = await createTestDatabase("postgres", { maxConnections: 10 });
  try {
    const fx = await createLedgerFixture(t.db);
    const started = performance.now();
    let lastLog = 0;
    const generated = await generateBulkLedger(
      t.db,
      {
        workspaceId: fx.workspace.id,
        ledgerSalt: fx.workspace.ledgerSalt,
        categories: fx.categories.map((c) => ({ id: c.id, key: c.key })),
        formVersion: { id: fx.formVersion.id, digest: fx.formVersion.digest, language: "en" },
        pageUrl: "https://assent.example/f/bench/join",
      },
      {
        contacts: options.contacts,
        eventsPerContact: options.eventsPerContact,
        seed: 2026,
        onProgress: (done) => {
          if (performance.now() - lastLog > 15_000) {
            lastLog = performance.now();
            options.log(`  generated ${done.toLocaleString("en")} of ${options.contacts.toLocaleString("en")} contacts`);
          }
        },
      },
    );
    // As autovacuum leaves a ledger between bursts of appends (it is off on some test servers): statistics, and
    // the visibility map that lets counts such as the export's read the index alone. Doing it here also keeps an
    // autovacuum from starting in the middle of the measurements.
    await t.db.execute(sql`vacuum (analyze)`);
    const generateSeconds = (performance.now() - started) / 1000;
    options.log(`  ${generated.contacts.toLocaleString("en")} contacts, ${generated.events.toLocaleString("en")} events in ${generateSeconds.toFixed(0)} s`);
    const fold = options.pages === false ? null : await foldGeneratedLedger(t.db, fx.workspace.id, options.log);

    const { user } = await upsertMember(t.db, { workspaceId: fx.workspace.id, email: "bench@assent.local", name: "Bench", role: "owner" });
    const sid = await createStaffSession(t.db, { userId: user.id });
    const salt = "authjs.session-token";
    const cookie = `${salt}=${await encode({ token: { sub: user.id, sid }, secret: BENCH_AUTH_SECRET, salt, maxAge: 3600 })}`;

    const onServer = async <T>(measure: (server: BenchServer) => Promise<T>): Promise<T> => {
      const server = await startBenchServer(t.url!, benchPorts.dashboard);
      try {
        return await measure(server);
      } finally {
        await server.stop();
      }
    };
    const { pages, home, baselineRoute } =
      options.pages === false
        ? { pages: [], home: [], baselineRoute: null }
        : await onServer((server) => measurePages(`${server.base}/${fx.workspace.slug}`, server.base, cookie, options.log));
    // A server of their own, so that what rendering the pages left in its heap is not taken for the exports' memory.
    const exports = await onServer((server) => measureExports(t.db, t.url!, fx.workspace, server, cookie, generated.events, options.log));
    const quality = fold ? { foldSeconds: fold.seconds, events: fold.events, pages: home } : undefined;
    return { scale: { contacts: generated.contacts, events: generated.events, generateSeconds }, pages, baselineRoute, exports, quality };
  } finally {
    await t.drop();
  }
}
