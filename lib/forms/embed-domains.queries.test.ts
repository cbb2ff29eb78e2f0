import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forms } from "../db/schema/forms";
import { createForm } from "./publish";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { findFormEmbedDomains } from "./embed-domains.queries";

describe.each(testDatabaseKinds())("sites allowed to frame a form on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("answers the published form's list, and none for a draft or an unknown form", async () => {
    await t.db
      .update(forms)
      .set({ embedDomains: ["https://a.example"] })
      .where(eq(forms.id, fx.formVersion.formId));
    const draft = await createForm(t.db, fx.workspace.id, { slug: "draft", name: "Draft", channel: "web" });
    await t.db
      .update(forms)
      .set({ embedDomains: ["https://b.example"] })
      .where(eq(forms.id, draft.id));
    expect(await findFormEmbedDomains(t.db, fx.workspace.slug, "join")).toEqual(["https://a.example"]);
    expect(await findFormEmbedDomains(t.db, fx.workspace.slug, "draft")).toEqual([]);
    expect(await findFormEmbedDomains(t.db, fx.workspace.slug, "nope")).toEqual([]);
    expect(await findFormEmbedDomains(t.db, "other-workspace", "join")).toEqual([]);
  });
});
