import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

type Reads<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

/**
 * Independent reads, side by side where that is possible: on the pool each takes its own connection, so they
 * overlap; inside a transaction there is one connection, which runs one statement at a time (node-postgres
 * deprecates overlapping queries on one client, and pg 9 refuses them), so they run one after the other there.
 */
export async function readTogether<T extends readonly unknown[]>(db: DbOrTx, reads: Reads<T>): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
