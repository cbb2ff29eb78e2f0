import "server-only";
import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import { apiProblem } from "../../api/problem";
import type { DatabaseHandle } from "../../db/client";
import { AppError } from "../../errors";
import { noScriptHeaders } from "../../security/headers";
import { unservableAddress } from "../../security/request-url";
import { BodyTooLargeError, declaredLength, readLimitedBody } from "../limited-body";
import { requestMetaFrom } from "../request-meta";
import { leanRoutes } from "./lean.routes";

const WEBHOOK_MAX_BYTES = 4 * 1024 * 1024;

class MethodNotAllowedError extends AppError {
  constructor(readonly allow: string[]) {
    super("method_not_allowed", 405, `This address answers ${allow.join(" and ")} only.`);
  }
}

/** Each known path as a pattern, with its methods: an unmatched request to a known path is a 405, not a 404. */
const knownPaths = [...new Set(leanRoutes.map((r) => r.path))].map((path) => ({
  pattern: new RegExp(`^${path.replace(/:[^/]+/g, "[^/]+")}$`),
  methods: leanRoutes.filter((r) => r.path === path).map((r) => r.method),
}));

/**
 * The lean lane: a Hono app over the same route definitions Next.js used to serve (they take a web Request and
 * return a Response), without the framework's per-request work (decision 0013). It does for these paths what
 * proxy.ts and next.config.ts did: refuses an address that cannot be served, sets the static no-script
 * headers, compresses large bodies (the small ones say no-transform, lib/api/route.ts), and turns anything
 * unexpected into a problem+json 500 that names the request id and nothing else.
 */
/**
 * Whether an answer is worth the CPU of gzip: not a webhook's acknowledgement (plain text, TwiML), nor a body
 * known to be under 1 KiB. Those carry no Content-Length, so the compressor would otherwise take them all.
 */
function worthCompressing(res: Response): boolean {
  const length = res.headers.get("content-length");
  if (length !== null) return Number(length) >= 1024;
  return !/^(text\/plain|text\/xml|application\/xml)/.test(res.headers.get("content-type") ?? "");
}

export function createLeanApp(handle: () => Promise<DatabaseHandle>): Hono {
  const app = new Hono();
  const db = async () => (await handle()).db;
  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    const unservable = unservableAddress(url.pathname, url.search);
    if (unservable) {
      c.res = new Response(unservable, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
    } else {
      await next();
    }
    for (const [name, value] of Object.entries(noScriptHeaders)) c.res.headers.set(name, value);
  });
  // The API reads its JSON under its own limit (lib/api/request-body.ts); the webhooks read theirs whole, so the
  // lane bounds them, as Next.js's 10 MB request buffer did before. Meta's and Twilio's payloads are kilobytes.
  // A declared length is judged from the header alone, and the handler then reads the body straight from the socket.
  // A chunked body is counted as it streams, then handed on as a request of its own with the bytes read. (Hono's
  // bodyLimit did both, but looked at `body` first, which sent every webhook down the web-stream path, and rebuilt
  // a chunked request from the adaptor's lightweight one, which undici refused: a 500.)
  const tooLarge = (c: Context) => c.text(`The body is larger than ${WEBHOOK_MAX_BYTES} bytes.`, 413);
  app.use("/api/webhooks/*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const declared = declaredLength(c.req.raw);
    if (declared !== null) return declared > WEBHOOK_MAX_BYTES ? tooLarge(c) : next();
    let body: Buffer;
    try {
      body = await readLimitedBody(c.req.raw, WEBHOOK_MAX_BYTES, { field: "body", message: "too large" });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge(c);
      throw error;
    }
    c.req.raw = new Request(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body: new Uint8Array(body) });
    return next();
  });
  const gzip = compress();
  app.use(async (c, next) => {
    await next();
    if (worthCompressing(c.res)) await gzip(c, async () => {});
  });
  for (const route of leanRoutes) app.on(route.method, route.path, (c) => route.serve({ handle, db, request: c.req.raw, params: c.req.param() }));
  app.notFound((c) => {
    const meta = requestMetaFrom(c.req.raw.headers);
    const known = knownPaths.find((p) => p.pattern.test(c.req.path));
    if (!known)
      return apiProblem(new AppError("not_found", 404, "There is nothing at this address. The API's routes are listed at /api/v1/openapi.json."), meta, "lean");
    const response = apiProblem(new MethodNotAllowedError(known.methods), meta, "lean");
    response.headers.set("allow", known.methods.join(", "));
    return response;
  });
  app.onError((error, c) => apiProblem(error, requestMetaFrom(c.req.raw.headers), `lean ${c.req.method} ${c.req.path}`));
  return app;
}
