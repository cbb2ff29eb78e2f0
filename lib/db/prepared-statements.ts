import "server-only";
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";

/**
 * node-postgres sends every parameterised statement unnamed, so PostgreSQL parses and plans it again on each call.
 * On the hot paths (a consent check, an append) that planning cost more than running the statement: the check's
 * lateral join took 0.35 ms to plan and under 0.1 ms to run. This client names each parameterised statement by a
 * digest of its text, so each connection parses it once and, after five runs, PostgreSQL may keep a generic plan.
 *
 * A connection prepares at most MAX_PER_CONNECTION statements; texts beyond that (an import's batches of every
 * size, rare dashboard queries) run unnamed as before, so a long-lived connection cannot collect without bound.
 * A pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21, or with
 * max_prepared_statements = 0) needs DATABASE_PREPARED_STATEMENTS=off (lib/env.ts).
 */
const MAX_PER_CONNECTION = 500;
// The hot statements are under 4 KiB; an import's long VALUES lists, one text per batch size, are left unnamed.
const MAX_TEXT_LENGTH = 8_192;

// Digests of texts already seen, so the hot statements are not hashed on every call.
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `a_${createHash("sha1").update(text).digest("base64url")}`;
    if (names.size >= 5_000) names.clear();
    names.set(text, name);
  }
  return name;
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

type Connection = { parsedStatements: Record<string, string> };

export class PreparingClient extends pg.Client {
  private readonly preparedTexts = new Set<string>();

  // The overloads of pg.Client#query are many; this forwards every call and only adds a name where it is safe.
  // pg.Pool#query (every statement outside a transaction: the consent check, the append's lookup, the rate limits)
  // calls this with a callback, so the callback form is named too, its result handed to the callback.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = (super.query as (...args: unknown[]) => never).bind(this);
    const c = config as QueryConfig | null;
    if (!c || typeof c !== "object" || typeof c.submit === "function" || c.name !== undefined || typeof c.text !== "string") {
      return query(config, values, callback);
    }
    const done = (typeof values === "function" ? values : callback) as ((error: unknown, result?: unknown) => void) | undefined;
    if (done !== undefined && typeof done !== "function") return query(config, values, callback);
    const params = Array.isArray(values) ? values : c.values;
    const bareValues = typeof values === "function" ? undefined : values;
    const text = c.text;
    if (!Array.isArray(params) || params.length === 0 || text.length > MAX_TEXT_LENGTH) return query(config, values, callback);
    if (!this.preparedTexts.has(text)) {
      if (this.preparedTexts.size >= MAX_PER_CONNECTION) return query(config, values, callback);
      this.preparedTexts.add(text);
    }
    const name = nameOf(text);
    const named = (query({ ...c, name }, bareValues) as unknown as Promise<unknown>).catch((error: { code?: string }) => {
      // If pg could not bind a value it closes the statement while still taking it for parsed (error 26000 on every
      // later run on this connection): forget it and run this one unnamed.
      if (error?.code !== "26000") throw error;
      delete (this as unknown as { connection: Connection }).connection.parsedStatements[name];
      this.preparedTexts.delete(text);
      return query(config, bareValues) as unknown as Promise<unknown>;
    });
    if (!done) return named as never;
    named.then(
      (result) => done(undefined, result),
      (error: unknown) => done(error),
    );
    return undefined as never;
  }
}

/**
 * `column = any(values)`, but a single value as a plain parameter: with an array of unknown length PostgreSQL plans
 * a prepared statement again on every call (its generic plan looks dearer), with one scalar it keeps the generic
 * plan after five runs. Measured on the consent check's five-table join: planning 0.37 ms a call, against 0.006 ms
 * with the scalar, and 0.05 ms to run either way. The hot paths (one number, one contact) take the scalar form.
 */
export function equalsAnyOf(column: SQL, values: string[], type: "text" | "uuid"): SQL {
  return values.length === 1 ? sql`${column} = ${values[0]!}::${sql.raw(type)}` : sql`${column} = any(${sql.param(values)}::${sql.raw(type)}[])`;
}
