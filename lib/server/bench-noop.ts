import "server-only";
import { env } from "../env";

const notFound = () => new Response(null, { status: 404 });
// Sent uncompressed like the API's small answers (lib/api/route.ts), so a baseline is not slowed by a gzip they skip.
const small = (body: unknown) => Response.json(body, { headers: { "cache-control": "no-store, no-transform" } });

/**
 * The bench's "trivial route handler": no database, no auth, a tiny JSON body. It measures what the server
 * and framework cost per request, which the API figures are divided by. Off (404) unless the bench starts
 * the server with ASSENT_BENCH_ROUTES=1.
 */
export async function benchNoop(): Promise<Response> {
  if (env().ASSENT_BENCH_ROUTES !== "1") return notFound();
  return small({ ok: true });
}
