import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

/** Rows of a hand-written statement, where the query builder's CPU cost showed (the append path, bulk reads). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
