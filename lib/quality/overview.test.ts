import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { countFormView, flushFormViews } from "./form-views";
import { readOverview } from "./overview";
import { runQualityPass } from "./worker";

const DAY = 86_400_000;

describe.each(testDatabaseKinds())("quality overview on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("conversion counts only the days whose page views were counted", async () => {
    const now = new Date();
    // Ten sign-ups from before view counting began (as seeded, imported or upgraded history has)…
    for (let i = 0; i < 10; i++) await append(t.db, webOptIn(fx, testPhone(300 + i), { occurredAt: new Date(now.getTime() - 5 * DAY) }));
    // …then a day with 8 counted views and 2 sign-ups.
    for (let i = 0; i < 8; i++) countFormView(fx.workspace.id, fx.formVersion.formId, now);
    for (let i = 0; i < 2; i++) await append(t.db, webOptIn(fx, testPhone(400 + i), { occurredAt: now }));
    expect(await flushFormViews(t.db)).toBe(8);
    await runQualityPass(t.db);

    const overview = await readOverview(t.db, fx.workspace.id, { days: 30, by: "day", split: "form" }, now);
    const form = overview.forms.find((f) => f.formId === fx.formVersion.formId);
    expect(form).toMatchObject({ views: 8, submissions: 12, viewedSubmissions: 2 });
  });
});
