import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runWorkspaceAction } from "../handlers/workspace-action";
import type { ActiveSession } from "../auth/staff-sessions";
import { forms } from "../db/schema/forms";
import { channelSettings } from "../db/schema/channels";
import { consentEvents } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";
import type { FormDraft } from "../db/schema/form-content";
import { createLedgerFixture, testPhone, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { saveSmsChannel } from "../channels/settings.actions";
import { submitHostedForm } from "../channels/web/submit.routes";
import { createFormAction, publishForm, saveFormDraft } from "./builder.actions";
import { findKeywordSignUp } from "./keyword-sign-up";
import { findPublishedForm } from "./queries";

vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters!!");

const origin = "http://assent.test";
let ipCounter = 0;

/** A sign-up posted to the form's stable address, as its page (or a script pretending to be it) would send it. */
function signUpPost(workspace: string, form: string, phone: string) {
  const body = new URLSearchParams({ submissionId: randomUUID(), language: "en", country: "US", phone, categories: "offers" });
  return new Request(`${origin}/f/${workspace}/${form}/submit`, {
    method: "POST",
    body,
    headers: { origin, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.51.100.${++ipCounter}`, accept: "application/json" },
  });
}

const whatsappReply = (length: number) => {
  const start = "Test Shop: you will get offers on WhatsApp. Send STOP to stop. ";
  return start + "x".repeat(length - start.length);
};

describe.each(testDatabaseKinds())("keyword forms' web page on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let marketer: ActiveSession;
  let admin: ActiveSession;
  let n = 0;
  const act = (def: Parameters<typeof runWorkspaceAction>[0], input: Record<string, unknown>, session = marketer) =>
    runWorkspaceAction(def, db.db, session, testMeta, { workspace: fx.workspace.slug, ...input });
  const formBySlug = async (slug: string) => (await db.db.select().from(forms).where(eq(forms.slug, slug)))[0]!;
  const save = (formId: string, content: FormDraft["content"]) =>
    act(saveFormDraft, { formId, payload: JSON.stringify({ name: "Form", embedDomains: [], content }) });
  const eventCount = async () => (await db.db.select().from(consentEvents).where(eq(consentEvents.workspaceId, fx.workspace.id))).length;
  const submit = (form: string) =>
    submitHostedForm(db.db, signUpPost(fx.workspace.slug, form, testPhone(++n).replace("+1", "")), { workspace: fx.workspace.slug, form });

  /** A keyword form made and published through the builder's actions, with the draft changed by `edit` first. */
  async function publishedKeywordForm(slug: string, channel: "sms" | "whatsapp", keyword: string, edit: (c: FormDraft["content"]) => void = () => {}) {
    expect(await act(createFormAction, { name: slug, slug, channel, keyword })).toMatchObject({ ok: true });
    const form = await formBySlug(slug);
    const content = structuredClone(form.draft!.content);
    content.categoryKeys = ["offers"];
    content.languages.en!.howToStop = channel === "sms" ? "Text STOP to stop." : "Send STOP to stop.";
    edit(content);
    expect(await save(form.id, content)).toMatchObject({ ok: true });
    expect(await act(publishForm, { formId: form.id })).toMatchObject({ ok: true });
    return formBySlug(slug);
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    await db.db
      .update(workspaces)
      .set({ privacyPolicyUrl: "https://shop.example/privacy", whatsappNumber: "+14155550100" })
      .where(eq(workspaces.id, fx.workspace.id));
    marketer = await signedInMember(db.db, fx.workspace.id, "marketer");
    admin = await signedInMember(db.db, fx.workspace.id, "admin");
  });
  afterAll(() => db?.drop());

  it("publishes a keyword form with no web page: its address names the keyword and number instead, and its POST records nothing", async () => {
    const form = await publishedKeywordForm("sms-join", "sms", "join");
    expect(form.status).toBe("published");
    const published = await findPublishedForm(db.db, fx.workspace.slug, "sms-join");
    expect(published?.version.content.webPage).toBeUndefined();

    // No SMS number yet: the page says so rather than inventing one.
    expect(await findKeywordSignUp(db.db, fx.workspace.slug, "sms-join")).toEqual({
      channel: "sms",
      keyword: "JOIN",
      number: null,
      businessName: fx.workspace.businessName,
      languages: ["en"],
      defaultLanguage: "en",
    });
    expect(
      await runWorkspaceAction(saveSmsChannel, db.db, admin, testMeta, { workspace: fx.workspace.slug, authToken: "", number: "+1 (415) 555-0111" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await findKeywordSignUp(db.db, fx.workspace.slug, "sms-join")).toMatchObject({ number: "+14155550111" });

    const before = await eventCount();
    const response = await submit("sms-join");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ ok: false, state: { fields: { form: "This sign-up form is no longer available." } } });
    expect(await eventCount()).toBe(before);
  });

  it("a WhatsApp keyword form reads the workspace's WhatsApp number; one whose marketer asked for a web page keeps it", async () => {
    await publishedKeywordForm("wa-join", "whatsapp", "hola");
    expect(await findKeywordSignUp(db.db, fx.workspace.slug, "wa-join")).toMatchObject({ channel: "whatsapp", keyword: "HOLA", number: "+14155550100" });

    await publishedKeywordForm("wa-page", "whatsapp", "page", (c) => {
      c.webPage = true;
    });
    expect((await findPublishedForm(db.db, fx.workspace.slug, "wa-page"))?.version.content.webPage).toBe(true);
    expect(await findKeywordSignUp(db.db, fx.workspace.slug, "wa-page")).toBeUndefined();
    const before = await eventCount();
    const response = await submit("wa-page");
    expect(response.status).toBe(200);
    expect(await eventCount()).toBe(before + 1);
  });

  it("keeps webPage only on keyword forms, and stores no false (a version's digest is unchanged by the flag's absence)", async () => {
    expect(await act(createFormAction, { name: "Web", slug: "web-flag", channel: "web" })).toMatchObject({ ok: true });
    const web = await formBySlug("web-flag");
    expect(await save(web.id, { ...web.draft!.content, webPage: true })).toMatchObject({ ok: true });
    expect((await formBySlug("web-flag")).draft!.content).not.toHaveProperty("webPage");

    const sms = await formBySlug("sms-join");
    expect(await save(sms.id, { ...sms.draft!.content, webPage: false } as unknown as FormDraft["content"])).toMatchObject({
      ok: true,
      data: { unchangedSince: 1 },
    });
    expect((await formBySlug("sms-join")).draft!.content).not.toHaveProperty("webPage");
    expect(await findKeywordSignUp(db.db, fx.workspace.slug, "web-flag")).toBeUndefined();
  });

  it("refuses a WhatsApp reply over 1,024 characters on save, in its language's field, and saves nothing", async () => {
    const form = await formBySlug("wa-join");
    const content = structuredClone(form.draft!.content);
    content.languages.en!.reply = whatsappReply(1025);
    expect(await save(form.id, content)).toMatchObject({
      ok: false,
      fields: [{ field: "content.languages.en.reply", code: "too_long", message: expect.stringContaining("1,025 characters") }],
    });
    expect((await formBySlug("wa-join")).draft!.content.languages.en!.reply).toBeUndefined();
    content.languages.en!.reply = whatsappReply(1024);
    expect(await save(form.id, content)).toMatchObject({ ok: true });
    expect((await formBySlug("wa-join")).draft!.content.languages.en!.reply).toHaveLength(1024);

    // An SMS reply is counted in messages by the policy check instead: 1,025 characters is no save error there.
    const sms = await formBySlug("sms-join");
    const long = structuredClone(sms.draft!.content);
    long.languages.en!.reply = whatsappReply(1025);
    expect(await save(sms.id, long)).toMatchObject({ ok: true });
  });

  it("refuses to publish a WhatsApp draft whose reply grew past 1,024 before the limit was checked", async () => {
    const form = await formBySlug("wa-join");
    const draft = structuredClone(form.draft!);
    draft.content.languages.en!.reply = whatsappReply(1100);
    await db.db.update(forms).set({ draft }).where(eq(forms.id, form.id));
    expect(await act(publishForm, { formId: form.id })).toMatchObject({
      ok: false,
      fields: [{ field: "content.languages.en.reply", code: "too_long" }],
    });
    expect((await formBySlug("wa-join")).currentVersionId).toBe(form.currentVersionId);
  });

  it("an SMS number in settings must be a full international number", async () => {
    const refused = await runWorkspaceAction(saveSmsChannel, db.db, admin, testMeta, { workspace: fx.workspace.slug, authToken: "", number: "555-0111" });
    expect(refused).toMatchObject({ ok: false, fields: [{ field: "number" }] });
    const [row] = await db.db.select({ smsNumber: channelSettings.smsNumber }).from(channelSettings).where(eq(channelSettings.workspaceId, fx.workspace.id));
    expect(row?.smsNumber).toBe("+14155550111");
  });
});
