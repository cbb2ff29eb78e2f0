import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createApiKey } from "../lib/api-keys/keys";
import { openDatabase, type DatabaseKind } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { generateBulkLedger } from "../lib/seed/bulk-ledger";
import { createLedgerFixture, type LedgerFixture } from "../testing/fixtures";
import { connectWhatsAppWithoutReplies } from "../testing/whatsapp-channel";
import { signedInMember } from "../testing/staff";
import { createTestDatabase } from "../testing/databases";
import { benchPorts, startBenchServer, type BenchServer } from "./app-server";

export const API_KEYS = 64;

/** A seeded database of either kind with the app and the bare baseline serving it, and how to take it all down. */
export type HttpBenchSetup = {
  kind: DatabaseKind;
  fx: LedgerFixture;
  keys: string[];
  contacts: number;
  app: BenchServer;
  bare: { base: string; pid: number; stop(): Promise<void> };
  /** The workspace's WhatsApp webhook, connected as an admin connects it, and the app secret Meta signs with. */
  whatsapp: { url: string; appSecret: string };
  /** What the app serves: a PostgreSQL URL or an embedded database's folder. */
  target: { databaseUrl: string } | { dataDir: string };
  close(): Promise<void>;
};

const BENCH_APP_SECRET = "meta-app-secret-for-the-bench";

/**
 * Seeds `contacts` contacts (2 events each on average) and API keys, then starts `next start` with the bench
 * routes on, and the bare node:http baseline on the same data through the same driver. PGlite is one process per
 * data directory, so the seeded directory is copied for the baseline: the same rows, files of their own.
 */
export async function setUpHttpBench(kind: DatabaseKind, contacts: number, log: (line: string) => void): Promise<HttpBenchSetup> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    let handle;
    let target: { databaseUrl: string } | { dataDir: string };
    if (kind === "postgres") {
      const t = await createTestDatabase("postgres", { maxConnections: 10 });
      cleanups.push(() => t.drop());
      handle = t;
      target = { databaseUrl: t.url! };
    } else {
      const dataDir = mkdtempSync(path.join(tmpdir(), "assent-bench-pglite-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      handle = await openDatabase({ kind: "pglite", dataDir });
      await migrateDatabase(handle);
      target = { dataDir };
    }
    const fx = await createLedgerFixture(handle.db, `bench-${kind}`);
    const started = performance.now();
    await generateBulkLedger(
      handle.db,
      {
        workspaceId: fx.workspace.id,
        ledgerSalt: fx.workspace.ledgerSalt,
        categories: fx.categories.map((c) => ({ id: c.id, key: c.key })),
        formVersion: { id: fx.formVersion.id, digest: fx.formVersion.digest, language: "en" },
        pageUrl: `https://assent.example/f/bench-${kind}/join`,
      },
      { contacts, eventsPerContact: 2, seed: 7 },
    );
    await handle.db.execute(sql`vacuum (analyze)`);
    // Many keys, as many systems would hold, so no one key's rate limit caps the run.
    const keys = await Promise.all(
      Array.from(
        { length: API_KEYS },
        async (_, i) => (await createApiKey(handle.db, { workspaceId: fx.workspace.id, name: `bench ${i}`, scopes: ["consents:write", "consents:read"] })).key,
      ),
    );
    const admin = await signedInMember(handle.db, fx.workspace.id, "admin");
    await connectWhatsAppWithoutReplies(handle.db, admin, fx.workspace.slug, BENCH_APP_SECRET);
    log(`  ${kind}: ${contacts.toLocaleString("en")} contacts seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    let bareTarget: string;
    if ("dataDir" in target) {
      await handle.close();
      const copy = `${target.dataDir}-bare`;
      cpSync(target.dataDir, copy, { recursive: true });
      rmSync(path.join(copy, "assent.pid"), { force: true });
      cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
      bareTarget = copy;
    } else {
      bareTarget = target.databaseUrl;
    }
    const bare = await startBareServer(bareTarget, benchPorts.bare);
    cleanups.push(() => bare.stop());
    process.env.ASSENT_BENCH_ROUTES = "1";
    const app = await startBenchServer(target, benchPorts.app);
    cleanups.push(() => app.stop());
    const whatsapp = { url: `${app.base}/api/webhooks/whatsapp/${fx.workspace.slug}`, appSecret: BENCH_APP_SECRET };
    return { kind, fx, keys, contacts, app, bare, whatsapp, target, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startBareServer(target: string, port: number): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["bench/bare-server.ts", String(port), target], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
