import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erasePersonalData } from "../contacts/erasure/erase";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { findRetiredPreferenceLink, issuePreferenceToken, newPreferenceToken } from "./tokens";

describe.each(testDatabaseKinds())("a preference link that no longer opens, on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("says it was replaced once a newer link is issued, and names the business", async () => {
    const { contactId } = await append(t.db, webOptIn(fx, testPhone(41)));
    const old = await issuePreferenceToken(t.db, fx.workspace.id, contactId);
    expect(await findRetiredPreferenceLink(t.db, old)).toBeUndefined();
    const current = await issuePreferenceToken(t.db, fx.workspace.id, contactId);
    expect(await findRetiredPreferenceLink(t.db, old)).toEqual({ reason: "replaced", businessName: "Test Shop", defaultLanguage: "en" });
    expect(await findRetiredPreferenceLink(t.db, current)).toBeUndefined();
  });

  it("says the data was erased after an erasure", async () => {
    const { contactId } = await append(t.db, webOptIn(fx, testPhone(42)));
    const token = await issuePreferenceToken(t.db, fx.workspace.id, contactId);
    await erasePersonalData(t.db, { workspaceId: fx.workspace.id, contactId, actor: { userId: null, label: "test" }, reason: "request" });
    expect(await findRetiredPreferenceLink(t.db, token)).toMatchObject({ reason: "erased", businessName: "Test Shop" });
  });

  it("tells nothing about a token that never existed, or one of the wrong shape", async () => {
    expect(await findRetiredPreferenceLink(t.db, newPreferenceToken().token)).toBeUndefined();
    expect(await findRetiredPreferenceLink(t.db, "short")).toBeUndefined();
  });
});
