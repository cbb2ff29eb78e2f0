import { bulkPhone } from "../lib/seed/bulk-ledger";
import { cpuPerRequest, cpuSnapshot } from "./cpu-accounting";
import { BENCH_AUTH_SECRET } from "./app-server";
import { formSubmitted, hostedFormPost, loadHostedForm } from "./form-submission";
import { answeredOk, preparedTask, writeRequests } from "./prepared";
import { setUpHttpBench } from "./http-setup";
import { measure } from "./stats";

/**
 * `TEST_DATABASE_URL=… npx tsx --conditions=react-server bench/profile-writes.ts stop|form|consents|bulk|floor [N]`
 *
 * One write at 16 clients (the bulk check at 2), N times (2,000 by default), against the production server on a seeded PostgreSQL, to see
 * where its time goes rather than how it compares: with ASSENT_CPU_PROF_DIR=dir the server writes a V8 CPU profile
 * there when it stops; with NODE_OPTIONS="--require ./bench/count-queries.cjs" and ASSENT_QUERY_COUNT_DIR=dir every
 * process writes the statements it sent (the server's file is the one with the write's statements). How to read
 * them: docs/performance.md.
 */
process.env.AUTH_SECRET = BENCH_AUTH_SECRET;
const which = process.argv[2] ?? "stop";
const n = Number(process.argv[3] ?? 2000);
const s = await setUpHttpBench("postgres", 10_000, console.log);
try {
  let visitors = 0;
  // Built before the clock starts, as in npm run bench (bench/prepared.ts).
  const count = Math.min(200, n) + n;
  const lazily = (make: () => () => Promise<void>) => {
    let task: (() => Promise<void>) | undefined;
    return () => {
      task ??= make();
      return task();
    };
  };
  const writes = writeRequests(s);
  const stop = lazily(() => preparedTask(count, writes.stop, answeredOk("the webhook")));
  const record = lazily(() => preparedTask(count, writes.consent, answeredOk("POST /api/v1/consents")));
  const form = await loadHostedForm(`${s.app.base}/f/${s.fx.workspace.slug}/join`);
  const submit = lazily(() => preparedTask(count, () => hostedFormPost(form, visitors++), formSubmitted));
  const phones = Array.from({ length: 10_000 }, (_, i) => bulkPhone((i * 7) % s.contacts));
  const bulk = async (i: number) => {
    const res = await fetch(`${s.app.base}/api/v1/consent-checks`, {
      method: "POST",
      body: JSON.stringify({ phones, category: "offers" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${s.keys[i % s.keys.length]}` },
    });
    if (!res.ok) throw new Error(`the bulk check answered ${res.status}`);
    await res.arrayBuffer();
  };
  // The floor under the writes (bench/bare-server.ts): one durable commit a request, for the same CPU accounting.
  const floor = async () => {
    const res = await fetch(`${s.bare.base}/commit`, { method: "POST" });
    if (!res.ok) throw new Error(`the bare commit answered ${res.status}`);
    await res.arrayBuffer();
  };
  const work = { stop, form: submit, consents: record, bulk, floor }[which];
  if (!work) throw new Error(`unknown write "${which}": stop, form, consents, bulk or floor`);
  const clients = which === "bulk" ? 2 : 16;
  await measure(Math.min(200, n), clients, work);
  const database = "databaseUrl" in s.target ? new URL(s.target.databaseUrl).pathname.slice(1) : null;
  const serverPid = which === "floor" ? s.bare.pid : s.app.pid;
  const before = cpuSnapshot(serverPid, database);
  const r = await measure(n, clients, work);
  const after = cpuSnapshot(serverPid, database);
  console.log(`${which}: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, at ${clients} clients`);
  console.log(cpuPerRequest(before, after, n));
} finally {
  await s.close();
}
