import "server-only";
import http from "node:http";
import https from "node:https";
import { endpointUrlProblem, guardedLookup } from "./target-guard";

export type PostOutcome = { ok: boolean; statusCode: number | null; excerpt: string | null; error: string | null; durationMs: number };

const TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1024;

/**
 * One delivery attempt. Only a 2xx counts: redirects are not followed (a moved endpoint should be updated,
 * not silently chased), and the receiver's answer is kept only as a short excerpt for the delivery log.
 */
export function postJson(target: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<PostOutcome> {
  const started = performance.now();
  const done = (o: Omit<PostOutcome, "durationMs">): PostOutcome => ({ ...o, durationMs: Math.round(performance.now() - started) });
  const problem = endpointUrlProblem(target, allowPrivate);
  if (problem) return Promise.resolve(done({ ok: false, statusCode: null, excerpt: null, error: `Not sent: ${problem}` }));
  const url = new URL(target);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(allowPrivate),
        timeout: TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Assent-Webhooks/1", ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const code = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
          const ok = code >= 200 && code < 300;
          const error = ok ? null : code >= 300 && code < 400 ? `Answered ${code} (redirects are not followed; update the URL)` : `Answered ${code}`;
          resolve(done({ ok, statusCode: code, excerpt: excerpt || null, error }));
        };
        response.on("data", (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Nothing more is needed from a chatty receiver.
          if (size >= EXCERPT_BYTES) response.destroy();
        });
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve(done({ ok: false, statusCode: null, excerpt: null, error: describe(error) })));
    request.end(body);
  });
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.name === "BlockedAddressError") return `Not sent: ${error.message}`;
  if (error.code === "ECONNREFUSED") return "Connection refused";
  if (error.code === "ENOTFOUND") return "The host name does not resolve";
  if (error.code === "ECONNRESET") return "The connection was reset";
  if (error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT")) return `TLS failed: ${error.code}`;
  return error.message;
}
