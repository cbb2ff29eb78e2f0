import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { createApiKey } from "../lib/auth/api-keys";
import { personalDigest } from "../lib/ledger/canonical";
import { bulkPhone, generateBulkLedger } from "../lib/seed/bulk-ledger";
import { createLedgerFixture } from "../lib/testing/fixtures";
import { createTestDatabase } from "../lib/testing/databases";
import { startBenchServer } from "./app-server";
import { measure, type RunStats } from "./stats";

/**
 * The public API over HTTP, on `next start` of a production build, against baselines in the same run:
 *  - single check and POST /consents against a trivial route handler on the same server (/api/bench/noop);
 *  - the bulk check (10,000 numbers) in numbers per second, against the bare `= ANY($1)` query it runs, sent
 *    through the same driver straight to PostgreSQL.
 * Rounds alternate between each figure and its baseline so the shared machine's noise falls on both.
 */
export type ApiFigure = { figure: string; concurrency: number; app: RunStats; baseline: RunStats; unit: string; ratio: number; target: number; absolute?: { value: number; target: number } };

const BULK = 10_000;
const KEYS = 64;

export async function runApiBench(options: { contacts: number; requests: number; rounds: number; build: boolean; port?: number; log: (line: string) => void }): Promise<ApiFigure[]> {
  if (options.build) {
    options.log("API bench: building the app (next build)…");
    const build = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const t = await createTestDatabase("postgres", { maxConnections: 10 });
  const direct = new pg.Pool({ connectionString: t.url, max: 4 });
  try {
    const fx = await createLedgerFixture(t.db);
    const workspaceId = fx.workspace.id;
    await generateBulkLedger(
      t.db,
      {
        workspaceId,
        ledgerSalt: fx.workspace.ledgerSalt,
        categories: fx.categories.map((c) => ({ id: c.id, key: c.key })),
        formVersion: { id: fx.formVersion.id, digest: fx.formVersion.digest, language: "en" },
        pageUrl: "https://assent.example/f/bench/join",
      },
      { contacts: options.contacts, eventsPerContact: 2, seed: 7 },
    );
    await t.db.execute(sql`analyze`);
    // Many keys, as many systems would hold: one key's 600 requests a minute would otherwise cap the run.
    const keys = await Promise.all(Array.from({ length: KEYS }, (_, i) => createApiKey(t.db, { workspaceId, name: `bench ${i}`, scopes: ["consents:write", "consents:read"] })));
    const auth = (i: number) => ({ authorization: `Bearer ${keys[i % KEYS]!.key}` });
    const phones = Array.from({ length: BULK }, (_, i) => bulkPhone((i * 7) % options.contacts));
    const bulkBody = JSON.stringify({ phones, category: "offers" });
    const digests = phones.map((p) => personalDigest(fx.workspace.ledgerSalt, "phone", p)!);
    const [offers] = fx.categories.filter((c) => c.key === "offers");

    process.env.ASSENT_BENCH_ROUTES = "1";
    const server = await startBenchServer(t.url!, options.port ?? 3412);
    try {
      const get = async (url: string, headers: Record<string, string> = {}) => {
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
      const post = async (url: string, body: string, headers: Record<string, string>) => {
        const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
        if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
      const noop = () => get(`${server.base}/api/bench/noop`);
      const single = (i: number) => get(`${server.base}/api/v1/consent-checks?phone=${encodeURIComponent(phones[i % BULK]!)}&category=offers`, auth(i));
      let written = 0;
      const record = (i: number) =>
        post(
          `${server.base}/api/v1/consents`,
          JSON.stringify({ phone: bulkPhone(options.contacts + (written++ % 5000)), categories: ["offers"], action: i % 3 ? "opt_in" : "opt_out", channel: "api", evidence: { system: "bench" } }),
          { ...auth(i), "idempotency-key": crypto.randomUUID() },
        );
      const bulk = (i: number) => post(`${server.base}/api/v1/consent-checks`, bulkBody, auth(i));
      const bareAny = () =>
        direct.query(
          `select c.phone_digest, s.state, s.opt_in_level, s.event_id, e.action, e.channel, e.occurred_at, e.recorded_at
           from contacts c join subscriptions s on s.contact_id = c.id and s.category_id = $2 join consent_events e on e.id = s.event_id
           where c.workspace_id = $1 and c.phone_digest = any($3)`,
          [workspaceId, offers!.id, digests],
        );

      const figures: ApiFigure[] = [];
      const pair = async (figure: string, concurrency: number, total: number, app: (i: number) => Promise<unknown>, base: (i: number) => Promise<unknown>, perRequest = 1) => {
        await measure(Math.min(total, 50), concurrency, app);
        await measure(Math.min(total, 50), concurrency, base);
        const a: RunStats[] = [];
        const b: RunStats[] = [];
        for (let r = 0; r < options.rounds; r++) {
          a.push(await measure(total, concurrency, app));
          b.push(await measure(total, concurrency, base));
        }
        const merge = (xs: RunStats[]): RunStats => ({
          perSecond: (perRequest * xs.reduce((s, x) => s + x.perSecond, 0)) / xs.length,
          p50: xs.reduce((s, x) => s + x.p50, 0) / xs.length,
          p99: xs.reduce((s, x) => s + x.p99, 0) / xs.length,
        });
        const result = { app: merge(a), baseline: merge(b) };
        options.log(`  ${figure} (${concurrency} clients): ${result.app.perSecond.toFixed(0)}/s against ${result.baseline.perSecond.toFixed(0)}/s`);
        return result;
      };

      for (const concurrency of [1, 8]) {
        const s = await pair("single check vs trivial route", concurrency, options.requests, single, noop);
        figures.push({ figure: "GET /api/v1/consent-checks", concurrency, ...s, unit: "requests/s", ratio: s.app.perSecond / s.baseline.perSecond, target: 0.8 });
        const w = await pair("POST /consents vs trivial route", concurrency, options.requests, record, noop);
        figures.push({ figure: "POST /api/v1/consents", concurrency, ...w, unit: "requests/s", ratio: w.app.perSecond / w.baseline.perSecond, target: 0.7 });
      }
      const bulkRequests = Math.max(4, Math.round(options.requests / 50));
      for (const concurrency of [1, 2]) {
        const b = await pair("bulk check vs bare = ANY($1)", concurrency, bulkRequests, bulk, bareAny, BULK);
        figures.push({
          figure: "POST /api/v1/consent-checks (10,000 numbers)",
          concurrency,
          ...b,
          unit: "numbers/s",
          ratio: b.app.perSecond / b.baseline.perSecond,
          target: 0.3,
          absolute: { value: b.app.perSecond, target: 50_000 },
        });
      }
      return figures;
    } finally {
      await server.stop();
    }
  } finally {
    await direct.end();
    await t.drop();
  }
}

export function printApiTable(figures: ApiFigure[]) {
  console.log("\nPublic API over HTTP (next start), each against its baseline in the same run\n");
  console.log("| figure | clients | app/s (p50/p99 ms) | baseline/s (p50/p99 ms) | ratio | target | result |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  const f = (n: number, d = 1) => n.toFixed(d);
  for (const r of figures) {
    const pass = r.ratio >= r.target && (!r.absolute || r.absolute.value >= r.absolute.target);
    const target = `≥ ${r.target}${r.absolute ? ` and ≥ ${r.absolute.target.toLocaleString("en")} ${r.unit}` : ""}`;
    console.log(
      `| ${r.figure} | ${r.concurrency} | ${f(r.app.perSecond)} ${r.unit} (${f(r.app.p50)}/${f(r.app.p99)}) | ${f(r.baseline.perSecond)} (${f(r.baseline.p50)}/${f(r.baseline.p99)}) | ${f(r.ratio, 2)} | ${target} | ${pass ? "pass" : "falls short"} |`,
    );
  }
}
