import "server-only";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { appDatabase } from "./app-database";

export type HealthReport = {
  status: "ok" | "unavailable";
  app: { status: "ok"; uptimeSeconds: number };
  database: { status: "ok" | "unavailable"; kind?: string; latencyMs?: number };
};

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

/** Whether the app can serve requests: it answers, and its database answers a query within three seconds. */
export async function checkHealth(open: () => Promise<DatabaseHandle> = async () => (await appDatabase()).handle): Promise<HealthReport> {
  const app = { status: "ok" as const, uptimeSeconds: Math.round(process.uptime()) };
  const started = performance.now();
  try {
    const handle = await withTimeout(open(), TIMEOUT_MS);
    await withTimeout(handle.db.execute(sql`select 1`), TIMEOUT_MS);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { status: "ok", app, database: { status: "ok", kind: handle.kind, latencyMs } };
  } catch (error) {
    // The reason goes to the log; the response says only that the database is unavailable.
    console.error("[health] database check failed:", (error as Error).message);
    return { status: "unavailable", app, database: { status: "unavailable" } };
  }
}

/** GET /api/health: 200 with the report while the database answers, 503 while it does not; never cached. */
export async function healthResponse(open?: () => Promise<DatabaseHandle>): Promise<Response> {
  const report = await checkHealth(open);
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
