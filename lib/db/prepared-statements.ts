import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";

/**
 * node-postgres sends every parameterised statement unnamed, so PostgreSQL parses and plans it again on each call.
 * On the hot paths (a consent check, an append) that planning cost more than running the statement: the check's
 * lateral join took 0.35 ms to plan and under 0.1 ms to run. This client names each parameterised statement by a
 * digest of its text, so each connection parses it once and, after five runs, PostgreSQL may keep a generic plan.
 *
 * A connection prepares at most MAX_PER_CONNECTION statements; texts beyond that (an import's batches of every
 * size, rare dashboard queries) run unnamed as before, so a long-lived connection cannot collect without bound.
 * A pool behind PgBouncer in transaction mode before 1.21 cannot keep prepared statements: set
 * DATABASE_PREPARED_STATEMENTS=off there (lib/env.ts).
 */
const MAX_PER_CONNECTION = 500;
const MAX_TEXT_LENGTH = 20_000;

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

export class PreparingClient extends pg.Client {
  private readonly preparedNames = new Set<string>();

  // The overloads of pg.Client#query are many; this forwards every call and only adds a name where it is safe.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = (super.query as (...args: unknown[]) => never).bind(this);
    const c = config as QueryConfig | null;
    if (!c || typeof c !== "object" || typeof c.submit === "function" || c.name !== undefined || typeof c.text !== "string") {
      return query(config, values, callback);
    }
    const params = Array.isArray(values) ? values : c.values;
    if (!Array.isArray(params) || params.length === 0 || c.text.length > MAX_TEXT_LENGTH) return query(config, values, callback);
    const name = nameOf(c.text);
    if (!this.preparedNames.has(name)) {
      if (this.preparedNames.size >= MAX_PER_CONNECTION) return query(config, values, callback);
      this.preparedNames.add(name);
    }
    return query({ ...c, name }, values, callback);
  }
}
