import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { checkCredentials } from "../auth/credentials";
import { createFirstOwner, hasAnyUser } from "./first-run";

describe.each(testDatabaseKinds())("first-run setup on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it("makes exactly one owner, even when two people race for a fresh install", async () => {
    expect(await hasAnyUser(db.db)).toBe(false);
    const attempt = (n: number) =>
      createFirstOwner(db.db, {
        businessName: `Shop ${n}`,
        slug: `shop-${n}`,
        name: `Owner ${n}`,
        email: `owner${n}@example.com`,
        password: "twelve chars ok",
      });
    const results = await Promise.allSettled([attempt(1), attempt(2)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "already_set_up" });
    const winner = results.findIndex((r) => r.status === "fulfilled") + 1;
    expect(await checkCredentials(db.db, { email: `owner${winner}@example.com`, password: "twelve chars ok" })).toMatchObject({ ok: true });
    await expect(attempt(3)).rejects.toMatchObject({ code: "already_set_up" });
  });
});
