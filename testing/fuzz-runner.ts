import fc from "fast-check";
import { leakIn } from "./fuzz-inputs";
import type { FuzzRequest } from "./fuzz-requests";
import { sendRaw, type RawResponse } from "./raw-http";

/** `resets`: requests the server refused by closing the connection while they were still being written. */
export type FuzzTally = { tried: number; serverErrors: number; resets: number; byStatus: Record<number, number> };

export function newTally(): FuzzTally {
  return { tried: 0, serverErrors: 0, resets: 0, byStatus: {} };
}

/**
 * A reset or a broken pipe before any answer arrived: the server (Node's HTTP parser on a malformed head, or a
 * body over a limit) answered and closed while this side was still writing, and TCP threw the answer away. That
 * is a refusal, not a fault, if the server still answers afterwards; a crashed server fails the run here.
 */
async function refusedByClosing(port: number, error: unknown): Promise<boolean> {
  const code = (error as { code?: string } | null)?.code;
  if (code !== "ECONNRESET" && code !== "EPIPE") return false;
  const health = await sendRaw(port, { method: "GET", path: "/api/health", headers: [] }).catch(() => null);
  if (health?.status !== 200) throw new Error(`the server stopped answering after a connection ${code}`);
  return true;
}

/** What is wrong with an answer to a malformed request, or null: a 5xx, no answer, a leak, an injected header. */
export function problemWith(response: RawResponse): string | null {
  if (response.status === 0) return "no HTTP answer";
  if (response.status >= 500) return `status ${response.status}`;
  const leak = leakIn(response.body);
  if (leak) return `the body leaks a ${leak}`;
  const injected = Object.entries(response.headers).find(([name, value]) => name === "injected" || /injected=1/.test(value));
  if (injected) return `a header was injected: ${injected.join(": ")}`;
  return null;
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? "" : Buffer.isBuffer(request.body) ? request.body.toString("utf8") : request.body;
  return `${request.label}: ${request.method} ${request.path.slice(0, 300)}\n  headers ${JSON.stringify(request.headers.map(([n, v]) => [n, String(v).slice(0, 200)]))}\n  body (${body.length} chars) ${JSON.stringify(body.slice(0, 600))}`;
}

/**
 * Sends `numRuns` requests drawn from `requests` and fails on the first bad answer, after shrinking it to a small
 * example; the error names the seed and path that replay it (FUZZ_SEED, and fast-check's own path).
 */
export async function fuzz(port: number, requests: fc.Arbitrary<FuzzRequest>, tally: FuzzTally, options: { seed: number; numRuns: number }): Promise<void> {
  let counted = 0;
  const property = fc.asyncProperty(requests, async (request) => {
    // null: refused by closing the connection before answering (refusedByClosing).
    const response = await sendRaw(port, request).catch(async (error: unknown) => {
      if (await refusedByClosing(port, error)) return null;
      throw error;
    });
    // Shrinking replays requests; only the first pass counts towards the figures.
    if (counted < options.numRuns) {
      counted++;
      tally.tried++;
      if (response === null) tally.resets++;
      else {
        tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
        if (response.status >= 500 || response.status === 0) tally.serverErrors++;
      }
    }
    if (response === null) return;
    const problem = problemWith(response);
    if (problem) throw new Error(`${problem}\n${describeRequest(request)}\n  answer ${response.status} ${JSON.stringify(response.body.slice(0, 600))}`);
  });
  const result = await fc.check(property, { seed: options.seed, numRuns: options.numRuns, endOnFailure: false, maxSkipsPerRun: 1000 });
  if (result.failed) {
    throw new Error(
      `fuzz failed (seed ${result.seed}, path "${result.counterexamplePath}", after ${result.numRuns} runs and ${result.numShrinks} shrinks): ${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)}`,
    );
  }
}
