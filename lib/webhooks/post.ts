import "server-only";
import http from "node:http";
import https from "node:https";
import { responseExcerpt } from "./response-excerpt";
import { endpointUrlProblem, guardedLookup } from "./target-guard";

export type PostOutcome = { ok: boolean; statusCode: number | null; excerpt: string | null; error: string | null; durationMs: number };

/** The whole attempt, from DNS to the last byte read: a receiver that trickles its answer is cut off too. */
const DEADLINE_MS = 10_000;
/** Enough of the answer for a 200-character excerpt; the rest is not read. */
const READ_BYTES = 1024;

/**
 * What the delivery log says when no HTTP answer came. One sentence whether the port was closed, reset, silent
 * or spoke something other than TLS, so the log cannot be used to map which ports of a host are open; the
 * precise reason goes to the server log only.
 */
export const COULD_NOT_CONNECT = "Could not connect, or no answer within 10 s";

/**
 * One delivery attempt. Only a 2xx counts: redirects are not followed (a moved endpoint should be updated,
 * not silently chased), and the receiver's answer is kept only as a short sanitised excerpt for the log.
 */
export function postJson(target: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<PostOutcome> {
  const started = performance.now();
  const done = (o: Omit<PostOutcome, "durationMs">): PostOutcome => ({ ...o, durationMs: Math.round(performance.now() - started) });
  const problem = endpointUrlProblem(target, allowPrivate);
  if (problem) return Promise.resolve(done({ ok: false, statusCode: null, excerpt: null, error: `Not sent: ${problem}` }));
  const url = new URL(target);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Omit<PostOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      resolve(done(outcome));
    };
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(allowPrivate),
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Assent-Webhooks/1", ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const code = response.statusCode ?? 0;
          const ok = code >= 200 && code < 300;
          const error = ok ? null : code >= 300 && code < 400 ? `Answered ${code} (redirects are not followed; update the URL)` : `Answered ${code}`;
          settle({ ok, statusCode: code, excerpt: responseExcerpt(code, Buffer.concat(chunks)), error });
        };
        response.on("data", (chunk: Buffer) => {
          if (size < READ_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Nothing more is needed from a chatty receiver.
          if (size >= READ_BYTES) finish();
        });
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      },
    );
    const deadline = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${DEADLINE_MS / 1000} s`), { code: "DEADLINE" })), DEADLINE_MS);
    request.on("error", (error) => settle({ ok: false, statusCode: null, excerpt: null, error: describe(target, error) }));
    request.end(body);
  });
}

function describe(target: string, error: NodeJS.ErrnoException): string {
  if (error.name === "BlockedAddressError") {
    console.warn(`webhook to ${target} not sent: ${error.message}`);
    return "Not sent: the host name resolves to an address inside this server's network.";
  }
  if (error.code === "ENOTFOUND") return "The host name does not resolve";
  console.warn(`webhook to ${target} could not connect: ${error.code ?? ""} ${error.message}`);
  return COULD_NOT_CONNECT;
}
