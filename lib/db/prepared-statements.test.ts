import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { env } from "../env";
import { createPostgresDatabase } from "../../testing/postgres-databases";
import { openDatabase } from "./client";
import { queryRows } from "./sql";

/**
 * On a real PostgreSQL, through one connection so its session's pg_prepared_statements can be read: statements
 * sent outside a transaction (pg.Pool#query, with a callback) and inside one (the client's promise form) are
 * both prepared once and reused, and a failing statement still reaches its caller as the database's error.
 */
describe.skipIf(!env().TEST_DATABASE_URL)("prepared statements (PostgreSQL)", () => {
  const prepared = (db: Parameters<typeof queryRows>[0]) =>
    queryRows<{ statement: string }>(db, sql`select statement from pg_prepared_statements where statement like '%assent_probe%'`);

  it("names the pool's and the transaction's statements once per connection and answers both forms", async () => {
    const created = await createPostgresDatabase(env().TEST_DATABASE_URL!);
    const handle = await openDatabase({ kind: "postgres", url: created.url, maxConnections: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const rows = await queryRows<{ n: number }>(handle.db, sql`select ${i}::int + 1 as n, 'assent_probe_pool' as tag`);
        expect(rows).toEqual([{ n: i + 1, tag: "assent_probe_pool" }]);
      }
      const inTx = await handle.db.transaction((tx) => queryRows<{ n: number }>(tx, sql`select ${41}::int + 1 as n, 'assent_probe_tx' as tag`));
      expect(inTx).toEqual([{ n: 42, tag: "assent_probe_tx" }]);
      const names = (await prepared(handle.db)).map((r) => r.statement);
      expect(names.filter((s) => s.includes("assent_probe_pool"))).toHaveLength(1);
      expect(names.filter((s) => s.includes("assent_probe_tx"))).toHaveLength(1);

      await expect(queryRows(handle.db, sql`select ${"x"}::int as assent_probe_bad`)).rejects.toMatchObject({ cause: { code: "22P02" } });
      expect(await queryRows(handle.db, sql`select ${2}::int as n`)).toEqual([{ n: 2 }]);
    } finally {
      await handle.close();
      await created.drop();
    }
  });

  it("prepares nothing when turned off (for poolers that cannot keep prepared statements)", async () => {
    const created = await createPostgresDatabase(env().TEST_DATABASE_URL!);
    const handle = await openDatabase({ kind: "postgres", url: created.url, maxConnections: 1, preparedStatements: false });
    try {
      await queryRows(handle.db, sql`select ${1}::int as n, 'assent_probe_off' as tag`);
      expect(await prepared(handle.db)).toEqual([]);
    } finally {
      await handle.close();
      await created.drop();
    }
  });
});
