import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertMember } from "./users";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { checkCredentials, signInLimits } from "./credentials";

/** Issue 16, item 4a: the sign-in throttle must hold under concurrency and must not be a way to lock others out. */
describe.each(testDatabaseKinds())("sign-in throttle on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    db = await createTestDatabase(kind, { maxConnections: 12 });
    fx = await createLedgerFixture(db.db);
  });
  afterAll(() => db?.drop());

  const member = (email: string, password: string) => upsertMember(db.db, { workspaceId: fx.workspace.id, email, name: email, role: "owner", password });

  it("30 concurrent wrong passwords for one account from one address: exactly 5 are evaluated", async () => {
    await member("burst@example.com", "the burst password");
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => checkCredentials(db.db, { email: "burst@example.com", password: `wrong guess ${i}`, ip: "203.0.113.10" })),
    );
    // "invalid" is answered only after the password was checked; "throttled" before.
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(signInLimits.accountAddress.limit);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(30 - signInLimits.accountAddress.limit);
    expect(await checkCredentials(db.db, { email: "burst@example.com", password: "the burst password", ip: "203.0.113.10" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("a stranger's wrong passwords lock the stranger's address out of the owner's account, never the owner's", async () => {
    await member("owner@example.com", "the owner's password");
    for (let i = 0; i < 12; i++) await checkCredentials(db.db, { email: "owner@example.com", password: `stranger ${i}`, ip: "198.51.100.99" });
    // Even the right password is refused from the stranger's address…
    expect(await checkCredentials(db.db, { email: "owner@example.com", password: "the owner's password", ip: "198.51.100.99" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    // …while the owner signs in from theirs, again and again, and a typo or two of theirs does not lock them either.
    expect(await checkCredentials(db.db, { email: "owner@example.com", password: "the owner's password", ip: "192.0.2.20" })).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++)
      expect(await checkCredentials(db.db, { email: "owner@example.com", password: "typo", ip: "192.0.2.20" })).toMatchObject({ reason: "invalid" });
    for (let i = 0; i < 3; i++)
      expect(await checkCredentials(db.db, { email: "owner@example.com", password: "the owner's password", ip: "192.0.2.20" })).toMatchObject({ ok: true });
  });

  it("guesses spread over many addresses meet the slower per-account backoff", async () => {
    await member("spread@example.com", "the spread password");
    const { limit } = signInLimits.account;
    for (let i = 0; i < limit; i++) {
      expect(await checkCredentials(db.db, { email: "spread@example.com", password: `guess ${i}`, ip: `10.0.${Math.floor(i / 4)}.${i % 4}` })).toMatchObject({
        reason: "invalid",
      });
    }
    expect(await checkCredentials(db.db, { email: "spread@example.com", password: "the spread password", ip: "192.0.2.30" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("a refused attempt takes no slot: a locked address cannot use up the account's or its own address's other limits", async () => {
    await member("quiet@example.com", "the quiet password");
    for (let i = 0; i < 40; i++) await checkCredentials(db.db, { email: "quiet@example.com", password: `guess ${i}`, ip: "198.51.100.123" });
    // 5 evaluated; the 35 refused ones counted nowhere, so the address may still try 25 other accounts.
    for (let i = 0; i < signInLimits.address.limit - signInLimits.accountAddress.limit; i++) {
      expect(await checkCredentials(db.db, { email: `other-${i}@example.com`, password: "x", ip: "198.51.100.123" })).toMatchObject({ reason: "invalid" });
    }
    expect(await checkCredentials(db.db, { email: "another@example.com", password: "x", ip: "198.51.100.123" })).toMatchObject({ reason: "throttled" });
  });
});
