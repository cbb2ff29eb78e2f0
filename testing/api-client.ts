import { eq, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { createApiKey, type ApiKeyScope } from "../lib/api-keys/keys";
import type { DatabaseHandle, Db } from "../lib/db/client";
import { runApiRoute, type ApiRouteDef } from "../lib/api/route";
import { apiKeys } from "../lib/db/schema/access";
import { queryRows } from "../lib/db/sql";

export const allScopes: ApiKeyScope[] = ["consents:write", "consents:read", "events:read", "exports"];

/** A key of the workspace with the scopes asked for (all by default); revoked, or with its own rate limit, if asked. */
export async function testApiKey(
  db: Db,
  workspaceId: string,
  scopes: ApiKeyScope[] = allScopes,
  options: { revoked?: boolean; rateLimitPerMinute?: number } = {},
): Promise<string> {
  const { id, key } = await createApiKey(db, { workspaceId, name: `test key ${scopes.join(",")}`, scopes, rateLimitPerMinute: options.rateLimitPerMinute });
  if (options.revoked) await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
  return key;
}

/**
 * Another app instance on the same database: a Db of its own over the same connection(s). What an instance
 * remembers (keys, unsynced rate-limit hits: lib/api-keys/authenticate.ts) is kept per Db, so the two share only
 * what the database holds, as two processes would.
 */
export function anotherInstance(handle: DatabaseHandle): Db {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  return (handle.kind === "pglite" ? drizzlePglite(client as PGlite) : drizzlePg(client as pg.Pool)) as unknown as Db;
}

type CallOptions = {
  key?: string | null;
  method?: string;
  url?: string;
  body?: unknown;
  /** A raw body, sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  ip?: string;
};

let ipCounter = 0;

/**
 * Calls an API route the way Next.js would: a real Request through the same wrapper the route file uses,
 * on the test's database. Each call comes from its own IP unless one is given, so failure limits do not
 * leak between tests.
 */
export async function callApi(db: Db, def: ApiRouteDef, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  headers.set("x-forwarded-for", options.ip ?? `192.0.2.${++ipCounter % 250}`);
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  if (hasBody && !headers.has("content-type")) headers.set("content-type", "application/json");
  const request = new Request(options.url ?? "http://assent.test/api/v1/x", {
    method: options.method ?? (hasBody ? "POST" : "GET"),
    headers,
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const response = await runApiRoute(def, db, request, options.params ?? {});
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Rows in the tables an API write touches, to show a refused request wrote nothing. */
export async function ledgerRowCounts(db: Db): Promise<Record<string, number>> {
  const result = (await db.execute(sql`select
    (select count(*) from contacts) as contacts,
    (select count(*) from consent_events) as events,
    (select count(*) from subscriptions) as subscriptions,
    (select count(*) from idempotency_keys) as idempotency_keys,
    (select count(*) from outbox) as outbox,
    (select count(*) from preference_tokens) as preference_tokens,
    (select count(*) from audit_log) as audit_log`)) as unknown as { rows: Record<string, unknown>[] };
  return Object.fromEntries(Object.entries(result.rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/**
 * Waits (up to a minute) until every event of the workspace belongs to a transaction below the server's snapshot
 * horizon, so that GET /api/v1/events lists all of them (lib/api/events.ts). The horizon is the server's: other
 * suites' transactions on the same PostgreSQL server hold the newest events back for a moment.
 */
export async function feedCaughtUp(db: Db, workspaceId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [held] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from consent_events
        where workspace_id = ${workspaceId} and tx_id >= (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`,
    );
    if (held!.n === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
