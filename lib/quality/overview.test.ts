import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { countFormView, flushFormViews } from "./form-views";
import { periodBuckets, readOverview } from "./overview";
import { runQualityPass } from "./worker";

const DAY = 86_400_000;

describe("the overview's axis", () => {
  it("spans every day of the period, quiet days included", () => {
    const now = new Date("2026-03-31T08:00:00Z");
    const days = periodBuckets(new Date("2026-01-01T00:00:00Z"), now, "day");
    expect(days).toHaveLength(90);
    expect([days[0], days[89]]).toEqual(["2026-01-01", "2026-03-31"]);
  });

  it("names weeks by the Monday date_trunc starts them on", () => {
    // 2026-01-01 is a Thursday: its week began on Monday 2025-12-29.
    const weeks = periodBuckets(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-19T12:00:00Z"), "week");
    expect(weeks).toEqual(["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"]);
  });
});

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
    // Two days of data still give the axis the whole period.
    expect(overview.buckets).toHaveLength(30);
    expect(overview.buckets.at(-1)).toBe(now.toISOString().slice(0, 10));
    expect(new Set(overview.series.map((s) => s.bucket)).size).toBe(2);
  });
});
