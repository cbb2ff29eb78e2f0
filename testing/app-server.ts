import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAppProcess } from "./app-process";

/** The production server (dist/server.mjs) on a given database, as a separate process, the way users run the app. */
export type BenchServer = { base: string; pid: number; stop(): Promise<void> /** The server's stderr (its last lines). */; log(): string };

export const BENCH_AUTH_SECRET = "bench-only-secret-0123456789abcdefghijklmnop";

/** PostgreSQL by URL, or the embedded PGlite in a data directory (which the server then holds alone). */
export type BenchDatabase = { databaseUrl: string } | { dataDir: string };

export async function startBenchServer(database: BenchDatabase | string, port: number): Promise<BenchServer> {
  const target = typeof database === "string" ? { databaseUrl: database } : database;
  const app = await startAppProcess({
    port,
    ...("databaseUrl" in target
      ? { databaseUrl: target.databaseUrl, dataDir: mkdtempSync(path.join(tmpdir(), "assent-bench-")) }
      : { dataDir: target.dataDir }),
    authSecret: BENCH_AUTH_SECRET,
  });
  return { base: app.base, pid: app.pid, stop: app.stop, log: app.log };
}
