import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import { PreparingClient } from "./prepared-statements";

/** Both drivers speak PostgreSQL; the rest of the app sees one type and never asks which it got. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export type DatabaseHandle = {
  db: Db;
  kind: DatabaseKind;
  /** For work that needs one connection of its own (session-level advisory locks in migrations). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseTarget =
  /** preparedStatements: name each parameterised statement so a connection plans it once (default on). */
  { kind: "postgres"; url: string; maxConnections?: number; preparedStatements?: boolean } | { kind: "pglite"; dataDir: string | null };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.maxConnections ?? 20,
      ...(target.preparedStatements === false ? {} : { Client: PreparingClient }),
    });
    // An idle client losing its server must not crash the process; the next query reports the fault.
    pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: "postgres",
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn(drizzlePg(client) as unknown as Db);
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let unlock = () => {};
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
    unlock = lockDataDir(target.dataDir);
  }
  const client = target.dataDir ? await PGlite.create(path.join(target.dataDir, "pglite")) : await PGlite.create();
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: "pglite",
    // PGlite is a single connection already.
    withConnection: (fn) => fn(db),
    async close() {
      await client.close();
      unlock();
    },
  };
}
