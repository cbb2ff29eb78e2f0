import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../actions/workspace-action";
import { findPublishedForm } from "../data/forms";
import { listFormVersions } from "../data/form-builder";
import type { ActiveSession } from "../data/staff-sessions";
import { forms } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import { createLedgerFixture, type LedgerFixture } from "../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/databases";
import { signedInMember, testMeta } from "../testing/staff";
import { archiveForm, createFormAction, publishForm, restoreForm, saveFormDraft } from "./builder";
import type { FormDraft } from "./content";
import { diffVersions } from "./version-diff";

describe.each(testDatabaseKinds())("the form builder on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let marketer: ActiveSession;
  const act = (def: Parameters<typeof runWorkspaceAction>[0], input: Record<string, unknown>, session = marketer) =>
    runWorkspaceAction(def, db.db, session, testMeta, { workspace: fx.workspace.slug, ...input });
  const formBySlug = async (slug: string) => (await db.db.select().from(forms).where(eq(forms.slug, slug)))[0]!;
  const save = (formId: string, name: string, draft: FormDraft["content"], embedDomains: string[] = []) =>
    act(saveFormDraft, { formId, payload: JSON.stringify({ name, embedDomains, content: draft }) });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    await db.db.update(workspaces).set({ privacyPolicyUrl: "https://shop.example/privacy" }).where(eq(workspaces.id, fx.workspace.id));
    marketer = await signedInMember(db.db, fx.workspace.id, "marketer");
  });
  afterAll(() => db?.drop());

  it("creates a form with a complete English draft; a taken address is a field error", async () => {
    expect(await act(createFormAction, { name: "Checkout", slug: "checkout", channel: "web" })).toMatchObject({ ok: true, redirectTo: expect.stringMatching(/\/forms\/[0-9a-f-]{36}$/) });
    const form = await formBySlug("checkout");
    expect(form.status).toBe("draft");
    expect(form.draft!.content.categoryKeys).toEqual(["orders", "offers", "tips"]);
    expect(await act(createFormAction, { name: "Again", slug: "checkout", channel: "web" })).toMatchObject({ ok: false, fields: [{ field: "slug", code: "taken" }] });
    expect(await act(createFormAction, { name: "", slug: "Bad Slug!", channel: "fax" })).toMatchObject({ ok: false, code: "validation_failed" });
    // A keyword form needs its keyword, not one that already means stop, and not one another form has.
    expect(await act(createFormAction, { name: "Text in", slug: "text-in", channel: "sms", keyword: "" })).toMatchObject({ ok: false, fields: [{ field: "keyword" }] });
    expect(await act(createFormAction, { name: "Text in", slug: "text-in", channel: "sms", keyword: "stop" })).toMatchObject({ ok: false, fields: [{ field: "keyword" }] });
    expect(await act(createFormAction, { name: "Text in", slug: "text-in", channel: "sms", keyword: "join" })).toMatchObject({ ok: true });
    expect((await formBySlug("text-in")).keyword).toBe("JOIN");
    expect(await act(createFormAction, { name: "Again", slug: "text-in-2", channel: "sms", keyword: "Join" })).toMatchObject({ ok: false, fields: [{ field: "keyword", code: "taken" }] });
  });

  it("saves drafts, refuses bad input with a field list, and publishes only when the policy passes", async () => {
    const form = await formBySlug("checkout");
    const draft = structuredClone(form.draft!.content);
    draft.categoryKeys = ["orders", "offers"];
    draft.languages.en!.benefits = ["Delivery updates without checking email"];
    draft.languages.en!.consent.offers = "Yes, send me offers on WhatsApp."; // no business name
    draft.languages.es = {
      ...draft.languages.en!,
      headline: "Recibe novedades de Test Shop por WhatsApp",
      consent: { orders: "Sí, quiero recibir actualizaciones de pedidos de Test Shop por WhatsApp.", offers: "Sí, quiero recibir ofertas de Test Shop por WhatsApp." },
      howToStop: "Puedes parar cuando quieras: responde STOP.",
      submitLabel: "Suscribirme",
    };
    const bad = await save(form.id, "Checkout", { ...draft, privacyPolicyUrl: "not a url" } as never, ["http://insecure.example"]);
    expect(bad).toMatchObject({ ok: false, code: "validation_failed" });
    if (!bad.ok) expect(bad.fields.map((f) => f.field).sort()).toEqual(["content.privacyPolicyUrl", "embedDomains.0"]);

    expect(await save(form.id, "Checkout page", draft, ["https://shop.example"])).toMatchObject({ ok: true });
    const refused = await act(publishForm, { formId: form.id });
    expect(refused).toMatchObject({ ok: false, code: "validation_failed", fields: [{ field: "policy.business-name", message: "English, Offers: the consent sentence does not name Test Shop." }] });
    expect(await findPublishedForm(db.db, fx.workspace.slug, "checkout")).toBeUndefined();

    draft.languages.en!.consent.offers = "Yes, I want offers from Test Shop on WhatsApp.";
    expect(await save(form.id, "Checkout page", draft, ["https://shop.example"])).toMatchObject({ ok: true });
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true, message: expect.stringContaining("Published version 1") });
    const live = await findPublishedForm(db.db, fx.workspace.slug, "checkout");
    expect(live!.version.content.languages.es!.consent.offers).toBe("Sí, quiero recibir ofertas de Test Shop por WhatsApp.");
    expect(live!.version.content.categoryKeys).toEqual(["orders", "offers"]);
    expect(live!.form.embedDomains).toEqual(["https://shop.example"]);

    // A second version, and what changed between them.
    draft.languages.en!.headline = "Test Shop on WhatsApp";
    await save(form.id, "Checkout page", draft);
    await act(publishForm, { formId: form.id });
    const versions = await listFormVersions(db.db, fx.workspace.id, form.id);
    expect(versions.map((v) => v.version.version)).toEqual([2, 1]);
    expect(diffVersions(versions[1]!.version.content, versions[0]!.version.content)).toEqual([
      { path: "languages.en.headline", before: "Get Test Shop updates on WhatsApp", after: "Test Shop on WhatsApp" },
    ]);
  });

  it("archives (the page goes away, the versions stay) and restores", async () => {
    const form = await formBySlug("checkout");
    expect(await act(archiveForm, { formId: form.id })).toMatchObject({ ok: true });
    expect(await findPublishedForm(db.db, fx.workspace.slug, "checkout")).toBeUndefined();
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: false, code: "archived" });
    expect(await act(restoreForm, { formId: form.id })).toMatchObject({ ok: true });
    expect(await findPublishedForm(db.db, fx.workspace.slug, "checkout")).toBeDefined();
  });

  it("compliance and viewers may not build forms; another workspace's form is not found", async () => {
    const form = await formBySlug("checkout");
    for (const role of ["compliance", "viewer"] as const) {
      expect(await act(publishForm, { formId: form.id }, await signedInMember(db.db, fx.workspace.id, role))).toMatchObject({ ok: false, code: "forbidden" });
    }
    const other = await createLedgerFixture(db.db);
    const outsider = await signedInMember(db.db, other.workspace.id, "owner");
    expect(await runWorkspaceAction(archiveForm, db.db, outsider, testMeta, { workspace: other.workspace.slug, formId: form.id })).toMatchObject({ ok: false, code: "not_found" });
  });
});
