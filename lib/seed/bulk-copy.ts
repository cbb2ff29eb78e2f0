import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../db/client";

const CHUNK_BYTES = 1 << 20;

/**
 * Rows for one table in COPY's text format, in chunks of about a megabyte: what both PostgreSQL
 * (COPY FROM STDIN) and PGlite (COPY FROM '/dev/blob') load several times faster than multi-row INSERTs,
 * whose statements cost more to build, bind and parse than the rows cost to store.
 */
export class CopyRows {
  readonly chunks: Buffer<ArrayBuffer>[] = [];
  count = 0;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  /** `into` is the table and its column list; the database fills the others (consent_events.position in order). */
  constructor(readonly into: string) {}

  add(values: (string | number | null)[]): void {
    let line = "";
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      line += (i === 0 ? "" : "\t") + (v === null ? "\\N" : typeof v === "number" ? String(v) : escapeCopyText(v));
    }
    line += "\n";
    // Encoded at once, so the batch is held as flat bytes rather than millions of string pieces the garbage
    // collector would copy on every pass (that cost more than generating the rows). UTF-8 takes at most three
    // bytes per UTF-16 unit.
    if (this.used + line.length * 3 > this.buffer.length) {
      this.flush();
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, line.length * 3));
    }
    this.used += this.buffer.write(line, this.used);
    this.count++;
  }

  /** The rows so far, as chunks; later rows go to a new chunk. */
  flush(): Buffer<ArrayBuffer>[] {
    if (this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used));
    this.buffer = this.buffer.subarray(this.used);
    this.used = 0;
    return this.chunks;
  }
}

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** Text-format escaping: a backslash, tab or line break in a value would otherwise end the field or the row. */
function escapeCopyText(value: string): string {
  return special.test(value) ? value.replace(specials, (c) => escapes[c]!) : value;
}

/** Loads one batch, each in its own transaction; `parallel` is how many batches may be in flight at once. */
export type CopyWriter = { parallel: number; write(tables: CopyRows[]): Promise<void>; close(): Promise<void> };

/**
 * Loads batches of rows, each batch in its own transaction (tables in the order given, so foreign keys
 * hold), so a failure never leaves half a contact behind.
 */
export async function copyWriter(db: Db): Promise<CopyWriter> {
  // drizzle keeps the driver's client as $client: a node-postgres Pool or Client, or a PGlite instance.
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    return {
      parallel: 1,
      write: (tables) =>
        client.transaction(async (tx) => {
          for (const t of tables) if (t.count > 0) await tx.query(`copy ${t.into} from '/dev/blob'`, [], { blob: new Blob(t.flush()) });
        }),
      close: async () => {},
    };
  }
  if (client instanceof pg.Pool) {
    // PostgreSQL spends more per row (indexes, foreign key checks) than generating it costs: two connections
    // load two batches at once. Held for the whole run; never more than the pool allows.
    const wanted = Math.min(2, Math.max(1, (client.options.max ?? 10) - 1));
    const connections = await Promise.all(Array.from({ length: wanted }, () => client.connect()));
    const idle = [...connections];
    const broken = new Map<pg.PoolClient, Error>();
    return {
      parallel: connections.length,
      async write(tables) {
        const connection = idle.pop()!;
        try {
          await copyInTransaction(connection, tables);
        } catch (error) {
          broken.set(connection, error as Error);
          throw error;
        } finally {
          idle.push(connection);
        }
      },
      async close() {
        // A connection whose load failed may be mid-protocol: destroy it rather than hand it back to the pool.
        for (const c of connections) c.release(broken.get(c));
      },
    };
  }
  if (client instanceof pg.Client) {
    return { parallel: 1, write: (tables) => copyInTransaction(client, tables), close: async () => {} };
  }
  throw new Error("generateBulkLedger needs a node-postgres or PGlite database");
}

async function copyInTransaction(connection: pg.ClientBase, tables: CopyRows[]): Promise<void> {
  await connection.query("begin");
  try {
    for (const t of tables) if (t.count > 0) await pipeline(Readable.from(t.flush()), connection.query(copyFrom(`copy ${t.into} from stdin`)));
    await connection.query("commit");
  } catch (error) {
    await connection.query("rollback").catch(() => {});
    throw error;
  }
}
