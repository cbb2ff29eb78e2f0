import "server-only";
import type { ApiKeyScope } from "../api-keys/keys";
import type { Db } from "../db/client";
import { requestMetaFrom, type RequestMeta } from "../server/request-meta";
import { authenticateApiRequest, type ApiPrincipal } from "../api-keys/authenticate";
import { apiProblem } from "./problem";
import { setRateLimitHeaders } from "./rate-limit-headers";
import type { RateLimitState } from "../rate-limit/limit";

export type ApiContext = { db: Db; principal: ApiPrincipal; meta: RequestMeta; request: Request; params: Record<string, string> };

export type ApiRouteDef = {
  /** Stable name, used in logs. */
  name: string;
  scope: ApiKeyScope;
  handle(ctx: ApiContext): Promise<Response>;
};

export function defineApiRoute(def: ApiRouteDef): ApiRouteDef {
  return def;
}

/**
 * Authenticates the key (and counts the request) first, then runs the handler; any failure becomes
 * problem+json, and an unexpected one a bare 500 with the request id. Every answer to an authenticated request
 * carries the key's RateLimit-* headers (a 429 carries the refusing limit's, lib/api/problem.ts). Handlers must
 * scope every query by `principal.workspace.id`: the key is the only source of the workspace.
 */
export async function runApiRoute(def: ApiRouteDef, db: Db, request: Request, params: Record<string, string> = {}): Promise<Response> {
  const meta = requestMetaFrom(request.headers);
  let rateLimit: RateLimitState | null = null;
  try {
    const auth = await authenticateApiRequest(db, request, meta, def.scope);
    rateLimit = auth.rateLimit;
    const response = await def.handle({ db, principal: auth.principal, meta, request, params });
    response.headers.set("x-request-id", meta.requestId);
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
    setRateLimitHeaders(response.headers, rateLimit);
    return response;
  } catch (error) {
    const response = apiProblem(error, meta, `api ${def.name}`);
    if (rateLimit) setRateLimitHeaders(response.headers, rateLimit);
    return response;
  }
}

/**
 * Serves a definition on a database opened on demand: what the lean lane (lib/server/lanes/lean.routes.ts) mounts
 * for every /api/v1 route. A database that cannot be opened still gets a problem+json 500 with a request id.
 */
export async function serveApiRoute(def: ApiRouteDef, openDb: () => Promise<Db>, request: Request, params: Record<string, string> = {}): Promise<Response> {
  let db: Db;
  try {
    db = await openDb();
  } catch (error) {
    return apiProblem(error, requestMetaFrom(request.headers), `api ${def.name}`);
  }
  return runApiRoute(def, db, request, params);
}

/**
 * Bodies below this are sent uncompressed: gzip of a check's or a receipt's few hundred bytes to a kilobyte or two
 * cost about 0.3 ms of CPU a response (a tenth of a consent write's time on the server) to save under a kilobyte.
 * Larger bodies (bulk checks, event pages) are compressed as usual.
 */
const COMPRESS_FROM_BYTES = 8 * 1024;

export function json(body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  // Next.js compresses every response; `no-transform` is the one signal its compression respects for a single response.
  if (text.length < COMPRESS_FROM_BYTES) headers["cache-control"] = "no-store, no-transform";
  return new Response(text, { status, headers });
}
