import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/sql";
import { ValidationError } from "../errors";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { append } from "./append";
import { planCommand } from "./plan";
import { verifyLedger } from "./verify";
import { writePlans } from "./write";

/**
 * A writer reads a contact's states after taking its lock (lib/ledger/write.ts, currentStates), so that it sees what
 * the lock's previous holder committed while it waited: here the holder opts the number out of "orders" while the
 * waiter is blocked on the contact's row. Reading the states in the lock's own statement would read them from the
 * snapshot that statement started with, before the holder committed: this test fails then (tried 2026-12-08).
 */
describe.skipIf(!testDatabaseKinds().includes("postgres"))("a writer that waited for a contact's lock on PostgreSQL", () => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  /** Runs `waiter` while an open transaction holds the number's contact and opts it out of "orders", then commits. */
  async function behindAnOptOut<T>(phone: string, waiter: () => Promise<T>): Promise<PromiseSettledResult<T>> {
    let waiting!: Promise<PromiseSettledResult<T>>;
    await t.db.transaction(async (tx) => {
      const [outcome] = await writePlans(tx, [await planCommand(tx, apiOptOut(fx, phone, ["orders"]), new Date())]);
      expect(outcome!.ok).toBe(true);
      waiting = waiter().then(
        (value) => ({ status: "fulfilled", value }),
        (reason: unknown) => ({ status: "rejected", reason }),
      );
      // Commit only once the waiter's statement has started (its snapshot taken) and is blocked on the row.
      for (let i = 0; i < 500; i++) {
        const [blocked] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (blocked!.n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("the second writer never waited for the contact's lock");
    });
    return waiting;
  }

  it("answers with the states the holder committed while it waited", async () => {
    const phone = "+12015550181";
    await append(t.db, webOptIn(fx, phone, { categories: ["orders"] }));
    const settled = await behindAnOptOut(phone, () => append(t.db, webOptIn(fx, phone, { categories: ["offers"] })));
    expect(settled.status).toBe("fulfilled");
    const receipt = (settled as PromiseFulfilledResult<Awaited<ReturnType<typeof append>>>).value;
    expect(receipt.state).toMatchObject({ orders: { state: "opted_out" }, offers: { state: "opted_in" } });
    expect(receipt.events[0]!.seq).toBe(3);
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });

  it("refuses to confirm what the holder opted out of while it waited", async () => {
    const phone = "+12015550182";
    await append(t.db, webOptIn(fx, phone, { categories: ["orders"] }));
    const settled = await behindAnOptOut(phone, () => append(t.db, { ...webOptIn(fx, phone, { categories: ["orders"] }), action: "confirm" }));
    expect(settled.status).toBe("rejected");
    expect((settled as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
  });
});
