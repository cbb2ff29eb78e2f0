import { personalDigest } from "../lib/ledger/canonical";
import { bulkPhone } from "../lib/seed/bulk-ledger";
import { figure, type Figure } from "./figures";
import type { HttpBenchSetup } from "./http-setup";
import { answeredOk, preparedTask, writeRequests } from "./prepared";
import { alternate, requestsFor, type RunStats } from "./stats";
import { wrkAvailable, wrkRate } from "./wrk";

/**
 * The machine-facing half over HTTP, on the production server (dist/server.mjs, the lean lane), each figure beside
 * its physical floor on the bare node:http + pg server of bench/bare-server.ts, measured in the same run in
 * alternating rounds (issue 18):
 *  - the single check against ONE indexed read per request;
 *  - the bulk check (10,000 numbers) against the bare `= ANY($1)`;
 *  - POST /consents and a signed WhatsApp STOP against ONE durable commit per request;
 *  - for context, the trivial Next.js route handler (/api/bench/noop) against the bare server's no-op: what the
 *    framework costs a request, which the lean lane no longer pays.
 */
const BULK = 10_000;

/**
 * fetch, tried once more on a network error: a keep-alive socket left idle (while wrk ran, say) may be closed by the
 * server just as it is reused, which says nothing about the server.
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fetch(url, init);
  }
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetchOnce(url, { headers });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetchOnce(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** "N clients; p50/p99 of both sides": the detail column of a throughput figure. */
export function detailOf(clients: number, app: RunStats, baseline: RunStats): string {
  return `${clients} client${clients === 1 ? "" : "s"}; p50/p99 ${app.p50.toFixed(1)}/${app.p99.toFixed(1)} ms vs ${baseline.p50.toFixed(1)}/${baseline.p99.toFixed(1)} ms`;
}

export const durableCommitFloor = "bare node:http + pg, one durable commit";

/** The bare server's one-durable-commit request: the floor under every write the bench measures. */
export const bareCommit = (s: HttpBenchSetup) => () => post(`${s.bare.base}/commit`, "", {});

export async function apiFigures(s: HttpBenchSetup, options: { requests: number; rounds: number; log: (line: string) => void }): Promise<Figure[]> {
  const { fx, keys, contacts, app, bare, kind } = s;
  const auth = (i: number) => ({ authorization: `Bearer ${keys[i % keys.length]!}` });
  const phones = Array.from({ length: BULK }, (_, i) => bulkPhone((i * 7) % contacts));
  const offers = fx.categories.find((c) => c.key === "offers")!;
  const digests = phones.map((p) => personalDigest(fx.workspace.ledgerSalt, "phone", p)!);
  const bulkBody = JSON.stringify({ phones, category: "offers" });
  const bareBody = JSON.stringify({ workspaceId: fx.workspace.id, categoryId: offers.id, digests });

  const single = (i: number) => get(`${app.base}/api/v1/consent-checks?phone=${encodeURIComponent(phones[i % BULK]!)}&category=offers`, auth(i));
  const bareRead = (i: number) => get(`${bare.base}/read?w=${fx.workspace.id}&c=${offers.id}&d=${digests[i % BULK]!}`);
  const rounds = { rounds: options.rounds, total: options.requests };
  const answered = (what: string) => answeredOk(what, s.app.log);
  // Built before each run (bench/prepared.ts): a new idempotency key or message id each.
  const writes = writeRequests(s);
  const recording = () => preparedTask(requestsFor(rounds), writes.consent, answered("POST /api/v1/consents"));
  const stopping = () => preparedTask(requestsFor(rounds), writes.stop, answered("the WhatsApp webhook"));
  const commit = bareCommit(s);
  const bulk = (i: number) => post(`${app.base}/api/v1/consent-checks`, bulkBody, auth(i));
  const bareAny = () => post(`${bare.base}/bulk`, bareBody, {});
  const nextNoop = () => get(`${app.base}/api/bench/noop`);
  const bareNoop = () => get(`${bare.base}/noop`);

  const figures: Figure[] = [];
  const run = async (
    name: string,
    concurrency: number,
    total: number,
    pair: [(i: number) => Promise<void>, (i: number) => Promise<void>],
    baseline: string,
    target: Parameters<typeof figure>[0]["target"],
    perUnit = 1,
    unit = "requests/s",
  ) => {
    const r = await alternate({ rounds: options.rounds, total, concurrency }, pair[0], pair[1]);
    const scaled = (x: RunStats): RunStats => ({ ...x, perSecond: x.perSecond * perUnit });
    figures.push(
      figure({
        figure: name,
        database: kind,
        value: scaled(r.app).perSecond,
        unit,
        baseline: { label: baseline, value: scaled(r.baseline).perSecond },
        target,
        detail: detailOf(concurrency, r.app, r.baseline),
      }),
    );
    options.log(`  ${kind} ${name}, ${concurrency} clients: ${scaled(r.app).perSecond.toFixed(0)} vs ${scaled(r.baseline).perSecond.toFixed(0)} ${unit}`);
  };
  const oneRead = "bare node:http + pg, one indexed read";
  await run("GET /api/v1/consent-checks", 1, options.requests, [single, bareRead], oneRead, {});
  await run("GET /api/v1/consent-checks", 8, options.requests, [single, bareRead], oneRead, {
    ratio: { atLeast: 0.5 },
    // The absolute target is judged on the wrk row when wrk is there: this client caps near it.
    ...(kind === "postgres" && !wrkAvailable() ? { value: { atLeast: 1000 } } : {}),
  });
  if (wrkAvailable()) {
    // The same pair through wrk: the fetch client above is itself the ceiling at a few thousand a second.
    const checks = phones.slice(0, 2000).map((p, i) => ({ path: `/api/v1/consent-checks?phone=${encodeURIComponent(p)}&category=offers`, headers: auth(i) }));
    const reads = digests.slice(0, 2000).map((d) => ({ path: `/read?w=${fx.workspace.id}&c=${offers.id}&d=${d}` }));
    const seconds = options.rounds > 2 ? 10 : 5;
    wrkRate(app.base, checks, { connections: 8, seconds: 2 });
    wrkRate(bare.base, reads, { connections: 8, seconds: 2 });
    const rates = { app: [] as number[], bare: [] as number[] };
    for (let r = 0; r < options.rounds; r++) {
      rates.app.push(wrkRate(app.base, checks, { connections: 8, seconds }));
      rates.bare.push(wrkRate(bare.base, reads, { connections: 8, seconds }));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    figures.push(
      figure({
        figure: "GET /api/v1/consent-checks (wrk)",
        database: kind,
        value: mean(rates.app),
        unit: "requests/s",
        baseline: { label: `${oneRead} (wrk)`, value: mean(rates.bare) },
        target: { ratio: { atLeast: 0.5 }, ...(kind === "postgres" ? { value: { atLeast: 1000 } } : {}) },
        detail: `8 connections, wrk -t2, ${options.rounds} alternating rounds of ${seconds} s, no non-2xx; rounds ${rates.app.map((x) => x.toFixed(0)).join("/")} vs ${rates.bare.map((x) => x.toFixed(0)).join("/")}`,
      }),
    );
    options.log(`  ${kind} single check through wrk, 8 connections: ${mean(rates.app).toFixed(0)} vs ${mean(rates.bare).toFixed(0)} requests/s`);
  }
  const bulkRequests = Math.max(4, Math.round(options.requests / 50));
  for (const concurrency of [1, 2]) {
    await run(
      "POST /api/v1/consent-checks (10,000 numbers)",
      concurrency,
      bulkRequests,
      [bulk, bareAny],
      "bare node:http + pg, = ANY($1)",
      concurrency === 2 ? { ratio: { atLeast: 0.5 } } : {},
      BULK,
      "numbers/s",
    );
  }
  await run("POST /api/v1/consents", 1, options.requests, [recording(), commit], durableCommitFloor, {});
  await run("POST /api/v1/consents", 16, options.requests, [recording(), commit], durableCommitFloor, { ratio: { atLeast: 0.3 } });
  await run("signed WhatsApp STOP (POST /api/webhooks/whatsapp)", 16, options.requests, [stopping(), commit], durableCommitFloor, {
    ratio: { atLeast: 0.3 },
  });
  // Context, no target: what Next.js costs a request that does nothing, beside node:http doing nothing.
  await run("trivial Next.js route handler (context)", 8, options.requests, [nextNoop, bareNoop], "bare node:http, no-op", {});
  return figures;
}
