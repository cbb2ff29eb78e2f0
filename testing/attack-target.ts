import { execFileSync } from "node:child_process";
import pg from "pg";
import { BENCH_AUTH_SECRET, startBenchServer, type BenchServer } from "./app-server";
import type { AttackSeed } from "./attack-seed-data";

/**
 * The app as the fuzz and security suites attack it: the production server (`npm start`) from the current build on a fresh PostgreSQL
 * database seeded by attack-seed.ts, so the suites can count rows while it runs (PGlite allows one process).
 * Needs TEST_DATABASE_URL; the caller skips without it.
 */
export type AttackTarget = {
  base: string;
  port: number;
  seed: AttackSeed;
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void> /** The server's stderr: what it logged for a 5xx. */;
  log(): string;
};

export async function startAttackTarget(port: number): Promise<AttackTarget> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const env = { ...process.env, AUTH_SECRET: BENCH_AUTH_SECRET };
  const output = execFileSync("npx", ["tsx", "--conditions=react-server", "testing/attack-seed.ts"], { env, encoding: "utf8" });
  const seed = JSON.parse(output.trim().split("\n").at(-1)!) as AttackSeed;
  // The Twilio signature is checked against APP_URL, so it must be the address the suites call.
  const previousAppUrl = process.env.APP_URL;
  process.env.APP_URL = `http://127.0.0.1:${port}`;
  let server: BenchServer;
  try {
    server = await startBenchServer(seed.databaseUrl, port);
  } finally {
    if (previousAppUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = previousAppUrl;
  }
  const client = new pg.Client({ connectionString: seed.databaseUrl });
  await client.connect();
  return {
    base: server.base,
    port,
    seed,
    log: () => server.log(),
    async counts() {
      const { rows } = await client.query(`select
        (select count(*) from contacts)::int as contacts,
        (select count(*) from consent_events)::int as events,
        (select count(*) from subscriptions)::int as subscriptions,
        (select count(*) from outbox)::int as outbox,
        (select count(*) from idempotency_keys)::int as idempotency_keys,
        (select count(*) from inbound_messages)::int as inbound,
        (select count(*) from preference_tokens)::int as preference_tokens,
        (select count(*) from whatsapp_quality_updates)::int as quality_updates,
        (select count(*) from audit_log)::int as audit_log`);
      return rows[0] as Record<string, number>;
    },
    async stop() {
      await client.end();
      await server.stop();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${new URL(seed.databaseUrl).pathname.slice(1)} with (force)`);
      await admin.end();
    },
  };
}
