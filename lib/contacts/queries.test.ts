import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContactFilter } from "./filters";
import { append } from "../ledger/append";
import { createLedgerFixture, testPhone, webOptIn, apiOptOut, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { findContacts } from "./queries";

describe.each(testDatabaseKinds())("contacts list on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  const scope = () => ({ workspaceId: fx.workspace.id, defaultCountry: "US" });
  const find = (params: Record<string, string>, pageSize?: number) => findContacts(db.db, scope(), parseContactFilter(params), pageSize);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    const other = await createLedgerFixture(db.db);
    await append(db.db, webOptIn(other, testPhone(1), { name: "Ana Other" }));
    for (let i = 0; i < 25; i++) {
      await append(db.db, webOptIn(fx, testPhone(i), { categories: i % 2 ? ["orders", "offers"] : ["orders"], name: i === 3 ? "Ana Lima" : undefined }));
    }
    for (const i of [2, 4, 6]) await append(db.db, apiOptOut(fx, testPhone(i), ["orders"]));
  });
  afterAll(() => db?.drop());

  it("walks every contact once through keyset pages, in each sort order", async () => {
    for (const sort of ["recent", "newest", "oldest"]) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await find({ sort, ...(after ? { after } : {}) }, 7);
        seen.push(...page.rows.map((r) => r.id));
        after = page.next;
      } while (after);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
    }
  });

  it("finds a number in any format, a name by its start, and nothing of another workspace", async () => {
    const national = testPhone(3)
      .replace("+1", "")
      .replace(/(\d{3})(\d{3})(\d{4})/, "($1) $2-$3");
    expect((await find({ q: national })).rows.map((r) => r.name)).toEqual(["Ana Lima"]);
    expect((await find({ q: testPhone(3) })).rows).toHaveLength(1);
    // As pasted from a phone's contacts: direction marks and en dashes.
    expect((await find({ q: `\u200e${testPhone(3).slice(0, 5)}\u2013${testPhone(3).slice(5)}\u200e` })).rows).toHaveLength(1);
    expect((await find({ q: "ana" })).rows.map((r) => r.name)).toEqual(["Ana Lima"]);
    expect((await find({ q: "+1201555" })).rows.length).toBe(25);
    expect((await find({ q: "100%_" })).rows).toHaveLength(0);
  });

  it("filters by category state, never opted in, channel and form", async () => {
    expect((await find({ category: "orders", state: "opted_out" })).rows).toHaveLength(3);
    expect((await find({ category: "offers", state: "opted_in" })).rows).toHaveLength(12);
    expect((await find({ category: "offers", state: "never" })).rows).toHaveLength(13);
    expect((await find({ channel: "api" })).rows).toHaveLength(3);
    expect((await find({ form: "join" })).rows).toHaveLength(25);
    expect((await find({ form: "no-such-form" })).rows).toHaveLength(0);
    const page = await find({ category: "orders", state: "opted_out" });
    expect(page.rows.every((r) => r.states.orders?.state === "opted_out")).toBe(true);
  });
});
