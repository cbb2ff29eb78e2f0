import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { publishFormVersion } from "../forms/publish";
import { defaultEnglishWording } from "../forms/wording";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { append } from "./append";

/** The checks append() makes on what one lookup query found: workspace, categories and form version. */
describe.each(testDatabaseKinds())("append's lookups on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("refuses an unknown workspace", async () => {
    await expect(append(t.db, { ...webOptIn(fx, "+12015550201"), workspaceId: randomUUID() })).rejects.toMatchObject({ status: 404 });
  });

  it("uses the form's default language, refuses one it lacks, and a category it does not offer", async () => {
    const receipt = await append(t.db, webOptIn(fx, "+12015550202"));
    const [row] = (
      (await t.db.execute(sql`select language, form_version_digest from consent_events where id = ${receipt.events[0]!.id}`)) as unknown as {
        rows: { language: string; form_version_digest: string }[];
      }
    ).rows;
    expect(row).toEqual({ language: "en", form_version_digest: fx.formVersion.digest });

    await expect(append(t.db, webOptIn(fx, "+12015550202", { language: "fr" }))).rejects.toMatchObject({
      fields: [{ field: "language", code: "unknown_language" }],
    });

    const narrow = await publishFormVersion(t.db, fx.workspace.id, fx.formVersion.formId, {
      ...fx.formVersion.content,
      categoryKeys: ["orders"],
      languages: {
        en: defaultEnglishWording(
          fx.workspace.businessName,
          fx.categories.filter((c) => c.key === "orders"),
        ),
      },
    });
    await expect(append(t.db, webOptIn(fx, "+12015550202", { formVersionId: narrow.id, categories: ["orders", "offers"] }))).rejects.toMatchObject({
      fields: [{ field: "categories.1", code: "not_on_form" }],
    });
  });

  it("refuses an opt-in to a retired category but lets people opt out of it", async () => {
    const other = await createLedgerFixture(t.db);
    await append(t.db, webOptIn(other, "+12015550203", { categories: ["tips"] }));
    await t.db.execute(sql`update message_categories set retired_at = now() where workspace_id = ${other.workspace.id} and key = 'tips'`);
    await expect(append(t.db, webOptIn(other, "+12015550203", { categories: ["orders", "tips"] }))).rejects.toMatchObject({
      fields: [{ field: "categories.1", code: "category_retired" }],
    });
    const out = await append(t.db, apiOptOut(other, "+12015550203", ["tips"]));
    expect(out.state.tips).toEqual({ state: "opted_out", optInLevel: null });
  });
});
