import { spawnSync } from "node:child_process";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { sql } from "drizzle-orm";
import { createStaffSession } from "../lib/data/staff-sessions";
import { upsertMember } from "../lib/data/users";
import { generateBulkLedger } from "../lib/seed/bulk-ledger";
import { createLedgerFixture } from "../lib/testing/fixtures";
import { createTestDatabase } from "../lib/testing/databases";
import { BENCH_AUTH_SECRET, startBenchServer, treeRssMiB } from "./app-server";
import { percentile } from "./stats";

/**
 * The dashboard's figures on PostgreSQL at scale (issue 3): contacts pages' server time through the real
 * production server, exports against COPY of the same rows, and the server's memory during exports.
 */
export type DashboardFigures = {
  scale: { contacts: number; events: number; generateSeconds: number };
  pages: { name: string; url: string; p50: number; p95: number }[];
  baselineRoute: { p50: number; p95: number };
  exports: { rows: number; appRowsPerSecond: number; copyRowsPerSecond: number; ratio: number; peakRssMiB: number; idleRssMiB: number }[];
};

const SAMPLES = 40;

async function timeGet(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

async function sampleGets(url: string, cookie: string) {
  for (let i = 0; i < 5; i++) await timeGet(url, cookie);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await timeGet(url, cookie));
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Streams an export over HTTP, counting rows, while sampling the server's memory. */
async function timeExport(url: string, cookie: string, pid: number) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMiB(pid))), 50);
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
  let rows = -1; // the header line
  const reader = res.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const byte of value) if (byte === 10) rows++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { rows, perSecond: rows / seconds, peak };
}

/** The baseline: PostgreSQL's own COPY … TO STDOUT (CSV) of the same rows and columns, through the same driver. */
async function timeCopy(databaseUrl: string, workspaceId: string, from: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const query = `copy (select e.position, e.id as event_id, e.occurred_at, e.recorded_at, c.phone, e.category_key as category, e.action,
      e.channel, e.opt_in_level, e.form_version_id, e.language, e.evidence, e.actor, p.ip, p.user_agent, p.note, e.prev_hash, e.hash
    from consent_events e join contacts c on c.id = e.contact_id left join event_personal_data p on p.event_id = e.id
    where e.workspace_id = '${workspaceId}' and e.occurred_at >= '${from}' order by e.position) to stdout with (format csv, header)`;
  const t0 = performance.now();
  const stream = client.query(copyTo(query));
  let rows = -1;
  for await (const chunk of stream) for (const byte of chunk as Buffer) if (byte === 10) rows++;
  const seconds = (performance.now() - t0) / 1000;
  await client.end();
  return { rows, perSecond: rows / seconds };
}

export async function runDashboardBench(options: { contacts: number; eventsPerContact: number; port?: number; log: (line: string) => void }): Promise<DashboardFigures> {
  options.log("Dashboard bench: building the app (next build)…");
  // The pages are measured as users get them: from a production build of the current code.
  const build = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
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
    await t.db.execute(sql`analyze`);
    const generateSeconds = (performance.now() - started) / 1000;
    options.log(`  ${generated.contacts.toLocaleString("en")} contacts, ${generated.events.toLocaleString("en")} events in ${generateSeconds.toFixed(0)} s`);

    const { user } = await upsertMember(t.db, { workspaceId: fx.workspace.id, email: "bench@assent.local", name: "Bench", role: "owner" });
    const sid = await createStaffSession(t.db, { userId: user.id });
    const salt = "authjs.session-token";
    const cookie = `${salt}=${await encode({ token: { sub: user.id, sid }, secret: BENCH_AUTH_SECRET, salt, maxAge: 3600 })}`;

    const server = await startBenchServer(t.url!, options.port ?? 3411);
    try {
      const ws = `${server.base}/${fx.workspace.slug}`;
      const firstPage = await (await fetch(`${ws}/contacts`, { headers: { cookie } })).text();
      const next = /href="(\/[^"]+\/contacts\?after=[^"]+)"/.exec(firstPage)?.[1]?.replace(/&amp;/g, "&");
      const urls: [string, string][] = [
        ["first page", `${ws}/contacts`],
        ["second page (keyset)", next ? `${server.base}${next}` : `${ws}/contacts`],
        ["offers opted out", `${ws}/contacts?category=offers&state=opted_out`],
        ["tips never opted in", `${ws}/contacts?category=tips&state=never`],
        ["confirmed level, oldest first", `${ws}/contacts?level=single&sort=oldest`],
        ["channel api", `${ws}/contacts?channel=api`],
        ["form join", `${ws}/contacts?form=join`],
        ["phone search", `${ws}/contacts?q=${encodeURIComponent("(212) 200-0500")}`],
        ["name prefix", `${ws}/contacts?q=Ana`],
        ["first seen in a month", `${ws}/contacts?from=${new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}`],
      ];
      const pages = [];
      for (const [name, url] of urls) {
        pages.push({ name, url: url.replace(server.base, ""), ...(await sampleGets(url, cookie)) });
        options.log(`  ${name}: p50 ${pages.at(-1)!.p50.toFixed(1)} ms, p95 ${pages.at(-1)!.p95.toFixed(1)} ms`);
      }
      const baselineRoute = await sampleGets(`${server.base}/api/health`, cookie);

      const exports = [];
      const idleRssMiB = treeRssMiB(server.pid);
      // Two windows, the second about twice the first: memory must not grow with the size of the export.
      for (const days of [36, 72]) {
        const from = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
        const app = await timeExport(`${ws}/exports/download?format=csv&from=${from}`, cookie, server.pid);
        const copy = await timeCopy(t.url!, fx.workspace.id, from);
        exports.push({ rows: app.rows, appRowsPerSecond: app.perSecond, copyRowsPerSecond: copy.perSecond, ratio: app.perSecond / copy.perSecond, peakRssMiB: app.peak, idleRssMiB });
        options.log(`  export of ${app.rows.toLocaleString("en")} rows: ${app.perSecond.toFixed(0)} rows/s vs COPY ${copy.perSecond.toFixed(0)} rows/s (${copy.rows.toLocaleString("en")} rows), peak RSS ${app.peak.toFixed(0)} MiB`);
      }
      return { scale: { contacts: generated.contacts, events: generated.events, generateSeconds }, pages, baselineRoute, exports };
    } finally {
      await server.stop();
    }
  } finally {
    await t.drop();
  }
}
