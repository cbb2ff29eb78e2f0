import { personalDigest } from "../lib/ledger/canonical";
import { bulkPhone } from "../lib/seed/bulk-ledger";
import { figure, type Figure } from "./figures";
import type { HttpBenchSetup } from "./http-setup";
import { alternate, type RunStats } from "./stats";

/**
 * The public API over HTTP, on `next start` of a production build, against baselines in the same run (issue 5):
 *  - single check and POST /consents against the trivial route handler of the same server (/api/bench/noop);
 *  - for context, a handler that only sends `select 1` (/api/bench/query), the floor under any read, and one
 *    that only commits durably (/api/bench/commit), the floor under any write;
 *  - the bulk check (10,000 numbers) in numbers per second, against the bare node:http server sending the bare
 *    `= ANY($1)` query through the same driver (bench/bare-server.ts).
 */
const BULK = 10_000;

export async function get(url: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** "N clients; p50/p99 of both sides": the detail column of a throughput figure. */
export function detailOf(clients: number, app: RunStats, baseline: RunStats): string {
  return `${clients} client${clients === 1 ? "" : "s"}; p50/p99 ${app.p50.toFixed(1)}/${app.p99.toFixed(1)} ms vs ${baseline.p50.toFixed(1)}/${baseline.p99.toFixed(1)} ms`;
}

export async function apiFigures(s: HttpBenchSetup, options: { requests: number; rounds: number; log: (line: string) => void }): Promise<Figure[]> {
  const { fx, keys, contacts, app, bare, kind } = s;
  const auth = (i: number) => ({ authorization: `Bearer ${keys[i % keys.length]!}` });
  const phones = Array.from({ length: BULK }, (_, i) => bulkPhone((i * 7) % contacts));
  const bulkBody = JSON.stringify({ phones, category: "offers" });
  const offers = fx.categories.find((c) => c.key === "offers")!;
  const bareBody = JSON.stringify({
    workspaceId: fx.workspace.id,
    categoryId: offers.id,
    digests: phones.map((p) => personalDigest(fx.workspace.ledgerSalt, "phone", p)!),
  });

  const noop = () => get(`${app.base}/api/bench/noop`);
  const single = (i: number) => get(`${app.base}/api/v1/consent-checks?phone=${encodeURIComponent(phones[i % BULK]!)}&category=offers`, auth(i));
  let written = 0;
  const record = (i: number) =>
    post(
      `${app.base}/api/v1/consents`,
      JSON.stringify({
        phone: bulkPhone(contacts + (written++ % 5000)),
        categories: ["offers"],
        action: i % 3 ? "opt_in" : "opt_out",
        channel: "api",
        evidence: { system: "bench" },
      }),
      { ...auth(i), "idempotency-key": crypto.randomUUID() },
    );
  const query = () => get(`${app.base}/api/bench/query`);
  const commit = () => post(`${app.base}/api/bench/commit`, "", {});
  const bulk = (i: number) => post(`${app.base}/api/v1/consent-checks`, bulkBody, auth(i));
  const bareAny = () => post(`${bare.base}/bulk`, bareBody, {});

  const figures: Figure[] = [];
  const trivial = "trivial route handler";
  for (const concurrency of [1, 8]) {
    const c = await alternate({ rounds: options.rounds, total: options.requests, concurrency }, single, noop);
    figures.push(
      figure({
        figure: "GET /api/v1/consent-checks",
        database: kind,
        value: c.app.perSecond,
        unit: "requests/s",
        baseline: { label: trivial, value: c.baseline.perSecond },
        target: { ratio: { atLeast: 0.8 } },
        detail: detailOf(concurrency, c.app, c.baseline),
      }),
    );
    options.log(`  ${kind} single check, ${concurrency} clients: ${c.app.perSecond.toFixed(0)}/s vs ${c.baseline.perSecond.toFixed(0)}/s`);
    // Context, no target: how close to the trivial handler a handler that only makes one round trip gets.
    const q = await alternate({ rounds: options.rounds, total: options.requests, concurrency }, query, noop);
    figures.push(
      figure({
        figure: "one database round trip, nothing else (the floor under any read)",
        database: kind,
        value: q.app.perSecond,
        unit: "requests/s",
        baseline: { label: trivial, value: q.baseline.perSecond },
        target: {},
        detail: detailOf(concurrency, q.app, q.baseline),
      }),
    );
    options.log(`  ${kind} select 1, ${concurrency} clients: ${q.app.perSecond.toFixed(0)}/s vs ${q.baseline.perSecond.toFixed(0)}/s`);
    const w = await alternate({ rounds: options.rounds, total: options.requests, concurrency }, record, noop);
    figures.push(
      figure({
        figure: "POST /api/v1/consents",
        database: kind,
        value: w.app.perSecond,
        unit: "requests/s",
        baseline: { label: trivial, value: w.baseline.perSecond },
        target: { ratio: { atLeast: 0.7 } },
        detail: detailOf(concurrency, w.app, w.baseline),
      }),
    );
    options.log(`  ${kind} POST consents, ${concurrency} clients: ${w.app.perSecond.toFixed(0)}/s vs ${w.baseline.perSecond.toFixed(0)}/s`);
    // Context, no target: how close to the trivial handler a handler that only commits durably gets.
    const f = await alternate({ rounds: options.rounds, total: options.requests, concurrency }, commit, noop);
    figures.push(
      figure({
        figure: "one durable commit, nothing else (the floor under any write)",
        database: kind,
        value: f.app.perSecond,
        unit: "requests/s",
        baseline: { label: trivial, value: f.baseline.perSecond },
        target: {},
        detail: detailOf(concurrency, f.app, f.baseline),
      }),
    );
    options.log(`  ${kind} durable commit, ${concurrency} clients: ${f.app.perSecond.toFixed(0)}/s vs ${f.baseline.perSecond.toFixed(0)}/s`);
  }
  const bulkRequests = Math.max(4, Math.round(options.requests / 50));
  for (const concurrency of [1, 2]) {
    const b = await alternate({ rounds: options.rounds, total: bulkRequests, concurrency }, bulk, bareAny);
    const perNumber = (x: RunStats): RunStats => ({ ...x, perSecond: x.perSecond * BULK });
    figures.push(
      figure({
        figure: "POST /api/v1/consent-checks (10,000 numbers)",
        database: kind,
        value: perNumber(b.app).perSecond,
        unit: "numbers/s",
        baseline: { label: "bare node:http, = ANY($1)", value: perNumber(b.baseline).perSecond },
        target: { ratio: { atLeast: 0.3 }, value: { atLeast: 50_000 } },
        detail: detailOf(concurrency, b.app, b.baseline),
      }),
    );
    options.log(
      `  ${kind} bulk check, ${concurrency} clients: ${(b.app.perSecond * BULK).toFixed(0)} vs ${(b.baseline.perSecond * BULK).toFixed(0)} numbers/s`,
    );
  }
  return figures;
}
