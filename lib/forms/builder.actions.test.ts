import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../handlers/workspace-action";
import { findPublishedForm } from "./queries";
import { listFormVersions } from "./builder.queries";
import type { ActiveSession } from "../auth/staff-sessions";
import { forms } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { archiveForm, createFormAction, publishForm, restoreForm, saveFormDraft } from "./builder.actions";
import type { FormDraft } from "../db/schema/form-content";
import { diffVersions } from "./version-diff";
import { translationDrift, unconfirmedDrift } from "./translation-drift";
import { publishFormVersion } from "./publish";
import { auditLog } from "../db/schema/access";
import { findKeywordForm, keywordReplyFor } from "../channels/inbound-consent";
import { keywordReplyText } from "./channel-wording";
import { formVersionDigest } from "./content";
import { printableForm } from "./printable-form";

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
    expect(await act(createFormAction, { name: "Checkout", slug: "checkout", channel: "web" })).toMatchObject({
      ok: true,
      redirectTo: expect.stringMatching(/\/forms\/[0-9a-f-]{36}$/),
    });
    const form = await formBySlug("checkout");
    expect(form.status).toBe("draft");
    expect(form.draft!.content.categoryKeys).toEqual(["orders", "offers", "tips"]);
    expect(await act(createFormAction, { name: "Again", slug: "checkout", channel: "web" })).toMatchObject({
      ok: false,
      fields: [{ field: "slug", code: "taken" }],
    });
    expect(await act(createFormAction, { name: "", slug: "Bad Slug!", channel: "fax" })).toMatchObject({ ok: false, code: "validation_failed" });
    // A keyword form needs its keyword, not one that already means stop, and not one another form has.
    expect(await act(createFormAction, { name: "Text in", slug: "text-in", channel: "sms", keyword: "" })).toMatchObject({
      ok: false,
      fields: [{ field: "keyword" }],
    });
    expect(await act(createFormAction, { name: "Text in", slug: "text-in", channel: "sms", keyword: "stop" })).toMatchObject({
      ok: false,
      fields: [{ field: "keyword" }],
    });
    expect(await act(createFormAction, { name: "Text in", slug: "text-in", channel: "sms", keyword: "join" })).toMatchObject({ ok: true });
    expect((await formBySlug("text-in")).keyword).toBe("JOIN");
    expect(await act(createFormAction, { name: "Again", slug: "text-in-2", channel: "sms", keyword: "Join" })).toMatchObject({
      ok: false,
      fields: [{ field: "keyword", code: "taken" }],
    });
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
      consent: {
        orders: "Sí, quiero recibir actualizaciones de pedidos de Test Shop por WhatsApp.",
        offers: "Sí, quiero recibir ofertas de Test Shop por WhatsApp.",
      },
      howToStop: "Puedes parar cuando quieras: responde STOP.",
      submitLabel: "Suscribirme",
    };
    const bad = await save(form.id, "Checkout", { ...draft, privacyPolicyUrl: "not a url" } as never, ["http://insecure.example"]);
    expect(bad).toMatchObject({ ok: false, code: "validation_failed" });
    if (!bad.ok) expect(bad.fields.map((f) => f.field).sort()).toEqual(["content.privacyPolicyUrl", "embedDomains.0"]);

    expect(await save(form.id, "Checkout page", draft, ["https://shop.example"])).toMatchObject({ ok: true });
    const refused = await act(publishForm, { formId: form.id });
    expect(refused).toMatchObject({
      ok: false,
      code: "validation_failed",
      fields: [{ field: "policy.business-name", message: "English, Offers: the consent sentence does not name Test Shop." }],
    });
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

  it("refuses to publish a draft equal to the live version: no version, no audit row; the save says so first", async () => {
    const form = await formBySlug("checkout");
    const versionsBefore = await listFormVersions(db.db, fx.workspace.id, form.id);
    const audits = async () => (await db.db.select().from(auditLog).where(eq(auditLog.targetId, form.id))).length;
    const auditsBefore = await audits();
    const live = versionsBefore[0]!.version;
    const draft = structuredClone(form.draft!.content);
    // Saving the same wording: the builder learns before anyone clicks that publishing would change nothing.
    expect(await save(form.id, "Checkout page", draft)).toMatchObject({ ok: true, data: { unchangedSince: live.version } });
    expect(await act(publishForm, { formId: form.id })).toEqual({
      ok: false,
      code: "unchanged",
      message: `Nothing has changed since version ${live.version}.`,
      fields: [],
    });
    expect((await listFormVersions(db.db, fx.workspace.id, form.id)).map((v) => v.version.id)).toEqual(versionsBefore.map((v) => v.version.id));
    expect(await audits()).toBe(auditsBefore);
    // The same refusal where the version is written, for every other caller (seeds, scripts).
    await expect(publishFormVersion(db.db, fx.workspace.id, form.id, live.content)).rejects.toMatchObject({ code: "unchanged" });
    expect(await listFormVersions(db.db, fx.workspace.id, form.id)).toHaveLength(versionsBefore.length);

    // One changed word is a change: it saves as publishable and publishes the next version.
    draft.languages.en!.headline = "Test Shop, on WhatsApp";
    expect(await save(form.id, "Checkout page", draft)).toMatchObject({ ok: true, data: { unchangedSince: null } });
    expect(await act(publishForm, { formId: form.id })).toMatchObject({
      ok: true,
      message: expect.stringContaining(`Published version ${live.version + 1}`),
      data: { unchangedSince: live.version + 1 },
    });
    expect(await audits()).toBe(auditsBefore + 1);
  });

  it("edits an SMS form's keyword in the draft, validated as at creation, and makes it live on publish", async () => {
    expect(await act(createFormAction, { name: "Club", slug: "club", channel: "sms", keyword: "club" })).toMatchObject({ ok: true });
    const form = await formBySlug("text-in");
    const draft = structuredClone(form.draft!.content);
    expect(draft.keyword).toBe("JOIN");
    for (const [keyword, code] of [
      ["stop", "custom"],
      ["two words", "invalid_format"],
      ["Club", "taken"],
    ] as const) {
      const refused = await save(form.id, "Text in", { ...draft, keyword });
      expect(refused, keyword).toMatchObject({ ok: false, fields: [{ field: "content.keyword", code }] });
    }
    expect(await save(form.id, "Text in", { ...draft, keyword: "cafe" })).toMatchObject({ ok: true });
    // Not live before publishing: the form's keyword is still the one it was created with.
    expect((await formBySlug("text-in")).keyword).toBe("JOIN");
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true });
    expect((await formBySlug("text-in")).keyword).toBe("CAFE");
    expect(await findKeywordForm(db.db, fx.workspace.id, "sms", "cafe")).toMatchObject({ formId: form.id, content: { keyword: "CAFE" } });

    const withReply = (reply: string) => ({ ...draft, keyword: "BREW", languages: { ...draft.languages, en: { ...draft.languages.en!, reply } } });
    // The form offers several kinds of message, and each choice opts in to its own sentence: a reply of one's own
    // that leaves them out cannot be published.
    expect(draft.categoryKeys.length).toBeGreaterThan(1);
    await save(form.id, "Text in", withReply("Test Shop: you're in for WhatsApp messages. Text STOP to stop."));
    expect(await act(publishForm, { formId: form.id })).toMatchObject({
      ok: false,
      fields: expect.arrayContaining([expect.objectContaining({ field: "policy.categories-separate" })]),
    });
    const sentences = draft.categoryKeys.map((k) => draft.languages.en!.consent[k]).join(" ");
    const reply = `Test Shop on WhatsApp: ${sentences} Text STOP to stop.`;
    await save(form.id, "Text in", withReply(reply));
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true });
    expect(await findKeywordForm(db.db, fx.workspace.id, "sms", "cafe")).toBeNull();
    const found = await findKeywordForm(db.db, fx.workspace.id, "sms", "brew");
    expect(keywordReplyFor(found!, "sms").body).toMatch(new RegExp(`^${reply.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n\nReply 1 for `));
    const versions = await listFormVersions(db.db, fx.workspace.id, form.id);
    expect(diffVersions(versions[1]!.version.content, versions[0]!.version.content)).toEqual([
      { path: "keyword", before: "CAFE", after: "BREW" },
      { path: "languages.en.reply", before: null, after: reply },
    ]);
  });

  it("publishes a keyword reply only when it says what the poster prints, and keeps the older versions' replies", async () => {
    const form = await formBySlug("text-in");
    const before = await listFormVersions(db.db, fx.workspace.id, form.id);
    const draft = structuredClone(form.draft!.content);
    const en = draft.languages.en!;
    const older = before[0]!.version; // published with a whole reply of the marketer's own (the test above)
    expect(older.content.languages.en!.reply).toBeTruthy();
    const refusedWith = async (content: typeof draft, field: string) => {
      expect(await save(form.id, "Text in", content)).toMatchObject({ ok: true }); // a draft may disagree while it is written
      // With several categories a reply missing a sentence also fails the policy's "own choice" check.
      expect(await act(publishForm, { formId: form.id })).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Not published: .*the reply/),
        fields: expect.arrayContaining([{ field, code: "reply_disagrees", message: expect.any(String) }]),
      });
      // Nothing changed: no version, the live one still serves.
      expect(await listFormVersions(db.db, fx.workspace.id, form.id)).toHaveLength(before.length);
      expect((await formBySlug("text-in")).currentVersionId).toBe(form.currentVersionId);
    };
    const withEn = (own: Partial<typeof en>) => ({ ...draft, languages: { ...draft.languages, en: { ...en, ...own } } });
    // A whole reply that rewords a sentence; then an opening and closing whose closing names another stop word.
    await refusedWith(withEn({ reply: `Test Shop on WhatsApp: ${en.consent.orders} Text STOP to stop.` }), "content.languages.en.reply");
    await refusedWith(withEn({ reply: "", replyIntro: "Hi from Test Shop!", replyOutro: "Reply END to cancel." }), "content.languages.en.replyOutro");

    await save(form.id, "Text in", withEn({ reply: "", replyIntro: "Hi from Test Shop!", replyOutro: "Msg & data rates may apply." }));
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true });
    const found = await findPublishedForm(db.db, fx.workspace.slug, "text-in");
    const poster = printableForm(found!, "en", "https://example.test/f");
    for (const channel of ["sms", "whatsapp"] as const) {
      const reply = keywordReplyFor({ formId: form.id, versionId: found!.version.id, language: "en", content: found!.version.content }, channel);
      // Every sentence the poster prints, and how to stop, are in the reply exactly: a choice's digest is of that text.
      expect(poster.categories.map((c) => c.key)).toEqual(reply.choices.map((c) => c.categoryKey));
      for (const c of poster.categories) expect(reply.body).toContain(c.consent);
      expect(reply.body).toContain(poster.howToStop);
      expect(reply.body.startsWith("Hi from Test Shop!\n\n")).toBe(true);
      expect(reply.body.endsWith("\n\nMsg & data rates may apply.")).toBe(true);
    }
    // The older version still reads and verifies as it was published: its own reply, its digest.
    const versions = await listFormVersions(db.db, fx.workspace.id, form.id);
    const kept = versions.find((v) => v.version.id === older.id)!.version;
    expect(keywordReplyText(kept.content, "en")).toBe(older.content.languages.en!.reply!.trim());
    expect(formVersionDigest(kept.content)).toBe(kept.digest);
  });

  it("refuses to publish colours with too little contrast, and keeps readable ones in the version", async () => {
    const form = await formBySlug("checkout");
    const draft = structuredClone(form.draft!.content);
    expect(await save(form.id, "Checkout page", { ...draft, theme: { accent: "#FACC15", background: "#ffffff" } }, ["https://shop.example"])).toMatchObject({
      ok: true,
    });
    expect(await act(publishForm, { formId: form.id })).toMatchObject({
      ok: false,
      fields: [
        { field: "policy.colours", message: "the button's white text on the accent colour: 1.53:1, needs 4.5:1." },
        { field: "policy.colours", message: "the business name and links in the accent colour on the background: 1.53:1, needs 4.5:1." },
      ],
    });
    expect(await save(form.id, "Checkout page", { ...draft, theme: { accent: "not a colour", background: "#ffffff" } })).toMatchObject({
      ok: false,
      fields: [{ field: "content.theme.accent" }],
    });
    expect(await save(form.id, "Checkout page", { ...draft, theme: { accent: "#1d4ed8", background: "#fffbeb" } }, ["https://shop.example"])).toMatchObject({
      ok: true,
    });
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true });
    expect((await findPublishedForm(db.db, fx.workspace.slug, "checkout"))!.version.content.theme).toEqual({ accent: "#1d4ed8", background: "#fffbeb" });
  });

  it("keeps a flagged translation confirmed as still right with the draft, and with the version published from it", async () => {
    const form = await formBySlug("checkout");
    const [liveRow] = await listFormVersions(db.db, fx.workspace.id, form.id);
    const live = liveRow!.version;
    const saveWith = (content: FormDraft["content"], translationChecks: string[]) =>
      act(saveFormDraft, { formId: form.id, payload: JSON.stringify({ name: "Checkout page", embedDomains: [], content, translationChecks }) });
    const draft = structuredClone(form.draft!.content);
    // A language without an introduction (optional in a version, as in the demo's wording) still saves.
    delete draft.languages.es!.intro;
    draft.languages.en!.howToStop = "Reply STOP to Test Shop at any time.";
    const [flag] = translationDrift(live.content, draft);
    expect(flag).toMatchObject({ language: "es", field: "howToStop", changedIn: ["en"], confirmed: false });

    // A key the builder could not have made is refused, and the draft stays as it was.
    const refused = await saveWith(draft, ["es|howToStop|not-a-digest"]);
    expect(refused).toMatchObject({ ok: false, code: "validation_failed", fields: [{ field: "translationChecks.0" }] });
    expect((await formBySlug("checkout")).draft).toEqual(form.draft);

    expect(await saveWith(draft, [flag!.key])).toMatchObject({ ok: true });
    const saved = (await formBySlug("checkout")).draft!;
    expect(saved.translationChecks).toEqual([flag!.key]);
    expect(unconfirmedDrift(live.content, saved.content, saved.translationChecks)).toEqual([]);

    // The source changes again: the confirmation was for other wording, so the flag is back.
    draft.languages.en!.howToStop = "Reply STOP to Test Shop whenever you like.";
    expect(await saveWith(draft, [flag!.key])).toMatchObject({ ok: true });
    const again = (await formBySlug("checkout")).draft!;
    expect(unconfirmedDrift(live.content, again.content, again.translationChecks)).toMatchObject([{ language: "es", field: "howToStop" }]);

    // Confirmed against that wording and published: the new version carries the confirmation, and only it.
    const [flagAgain] = translationDrift(live.content, draft);
    expect(await saveWith(draft, [flag!.key, flagAgain!.key])).toMatchObject({ ok: true });
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true });
    const [published, previous] = await listFormVersions(db.db, fx.workspace.id, form.id);
    expect(published!.version.translationChecks).toEqual([flagAgain!.key]);
    expect(translationDrift(previous!.version.content, published!.version.content, published!.version.translationChecks)).toMatchObject([
      { language: "es", field: "howToStop", confirmed: true },
    ]);
    // The confirmation is a note about the review, not what people read: the version's digest is the content's alone.
    expect(published!.version.content).not.toHaveProperty("translationChecks");
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
    expect(await runWorkspaceAction(archiveForm, db.db, outsider, testMeta, { workspace: other.workspace.slug, formId: form.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
