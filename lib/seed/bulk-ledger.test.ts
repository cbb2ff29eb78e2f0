import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "../ledger/verify";
import { createLedgerFixture } from "../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/databases";
import { generateBulkLedger } from "./bulk-ledger";

describe.each(testDatabaseKinds())("bulk ledger on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it("writes a ledger that verifies, chains, digests and state included", async () => {
    const fx = await createLedgerFixture(db.db);
    const result = await generateBulkLedger(
      db.db,
      {
        workspaceId: fx.workspace.id,
        ledgerSalt: fx.workspace.ledgerSalt,
        categories: fx.categories.map((c) => ({ id: c.id, key: c.key })),
        formVersion: { id: fx.formVersion.id, digest: fx.formVersion.digest, language: "en" },
        pageUrl: "https://assent.example/f/test/join",
      },
      { contacts: 1200, eventsPerContact: 3, seed: 7 },
    );
    expect(result.contacts).toBe(1200);
    expect(result.events / result.contacts).toBeGreaterThan(2);
    const verified = await verifyLedger(db.db, { workspaceId: fx.workspace.id });
    expect(verified.problems).toEqual([]);
    expect(verified.events).toBe(result.events);
  });
});
