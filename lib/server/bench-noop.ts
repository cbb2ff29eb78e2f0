import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "./app-database";
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

/**
 * The floor under any durable write: the trivial handler plus ONE commit that PostgreSQL must flush to its
 * write-ahead log before answering (pg_current_xact_id() assigns a transaction id, so the commit is logged and
 * waited for), through the app's own pool. No table is touched. Shown beside POST /consents and the form's
 * submissions so a reader can see how much of their gap to the trivial handler is the durable commit itself,
 * which "nothing a user was told succeeded may be lost" does not let any write skip.
 */
export async function benchCommit(): Promise<Response> {
  if (env().ASSENT_BENCH_ROUTES !== "1") return notFound();
  const db = await getDb();
  await db.execute(sql`select pg_current_xact_id()`);
  return small({ ok: true });
}

/**
 * The floor under any read: the trivial handler plus ONE round trip to the database (`select 1`) through the
 * app's pool. Shown beside the consent check, which must read the primary database on every call.
 */
export async function benchQuery(): Promise<Response> {
  if (env().ASSENT_BENCH_ROUTES !== "1") return notFound();
  const db = await getDb();
  await db.execute(sql`select 1`);
  return small({ ok: true });
}
