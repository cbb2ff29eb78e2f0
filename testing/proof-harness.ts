import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "../lib/env";
import { startAppProcess, type AppProcess } from "./app-process";
import { createPostgresDatabase } from "./postgres-databases";
import type { ProofSeed } from "./proof-seed";

/**
 * The setting of the proof suites (e2e/crash, races, scale-out): a fresh database of either kind, seeded, and
 * production app processes started on it from the build Playwright made.
 */
export type ProofDatabase = {
  kind: "pglite" | "postgres";
  /** PostgreSQL only. */
  url?: string;
  /** The app's DATA_DIR: PGlite's files (and generated secrets) live here. */
  dataDir: string;
  drop(): Promise<void>;
};

export const proofAuthSecret = "proof-suites-secret-0123456789abcdefghijklmnop";

/** How many submissions the suites send: ASSENT_PROOF_SCALE, or a size that fits CI. */
export function proofScale(ciSize: number): number {
  return env().ASSENT_PROOF_SCALE ?? ciSize;
}

export const postgresAdminUrl = () => env().TEST_DATABASE_URL;

export async function createProofDatabase(kind: "pglite" | "postgres"): Promise<ProofDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `assent-proof-${kind}-`));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === "pglite") return { kind, dataDir, drop: removeDir };
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const created = await createPostgresDatabase(adminUrl);
  return {
    kind,
    url: created.url,
    dataDir,
    async drop() {
      await created.drop();
      await removeDir();
    },
  };
}

/** Seeds the database in a process of its own (the app's server modules need the react-server condition). */
export async function seedProofDatabase(database: ProofDatabase, apiKeys = 1, options: { webhookUrl?: string } = {}): Promise<ProofSeed> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: proofAuthSecret, DATA_DIR: database.dataDir };
  delete childEnv.DATABASE_URL;
  if (database.url) childEnv.DATABASE_URL = database.url;
  const { stdout } = await promisify(execFile)(
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "testing/proof-seed.ts", String(apiKeys), ...(options.webhookUrl ? [options.webhookUrl] : [])],
    { env: childEnv, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as ProofSeed;
}

const running = new Set<AppProcess>();

export async function startProofApp(database: ProofDatabase, port: number, env: Record<string, string> = {}): Promise<AppProcess> {
  const app = await startAppProcess({ port, databaseUrl: database.url, dataDir: database.dataDir, authSecret: proofAuthSecret, env });
  running.add(app);
  const forget = (end: () => Promise<void>) => async () => {
    running.delete(app);
    await end();
  };
  return { ...app, stop: forget(app.stop), kill: forget(app.kill) };
}

/** Stops every app a suite started and has not stopped: for afterEach/afterAll, so a timed-out test leaves none behind. */
export async function stopProofApps(): Promise<void> {
  await Promise.all([...running].map((app) => app.stop()));
  running.clear();
}

/** A distinct documentation-range address per simulated client (198.18.0.0/15, for benchmarking). */
export function clientIp(n: number): string {
  return `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}
