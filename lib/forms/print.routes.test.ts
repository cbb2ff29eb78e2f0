import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceRoute, type WorkspaceRouteDef } from "../handlers/workspace-route";
import type { ActiveSession } from "../auth/staff-sessions";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { pdfToText } from "../../testing/poppler";
import { signedInMember, testMeta } from "../../testing/staff";
import { downloadFormPoster, downloadPaperForm } from "./print.routes";
import { createForm, publishFormVersion } from "./publish";

const HINDI_HEADLINE = "व्हाट्सऐप पर ऑर्डर अपडेट पाएँ";
const HINDI_CONSENT = "हाँ, मैं WhatsApp पर सुरक्षित ऑर्डर अपडेट पाना चाहता/चाहती हूँ। मुझे पता है कि मैं कभी भी रोक सकता/सकती हूँ।";

describe.each(testDatabaseKinds())("poster and paper form downloads on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let viewer: ActiveSession;
  const call = async (def: WorkspaceRouteDef, formId: string, query = "") =>
    runWorkspaceRoute(def, t.db, viewer, testMeta, new Request(`http://t/x/forms/${formId}/print${query}`), { workspace: fx.workspace.slug, form: formId });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    viewer = await signedInMember(t.db, fx.workspace.id, "viewer");
    const content = fx.formVersion.content;
    // A second language in Devanagari, which the PDFs shape (conjuncts, reph, vowel signs before their consonant).
    await publishFormVersion(t.db, fx.workspace.id, fx.formVersion.formId, {
      ...content,
      languages: {
        ...content.languages,
        hi: { ...content.languages.en!, headline: HINDI_HEADLINE, consent: { ...content.languages.en!.consent, orders: HINDI_CONSENT } },
      },
    });
  });
  afterAll(() => t?.drop());

  it("prints the version the form serves now, in the language asked for, as a named attachment", async () => {
    const response = await call(downloadPaperForm, fx.formVersion.formId, "?size=letter&lang=en");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="join-paper-form-v2-en-letter.pdf"');
    const { text } = await extractText(new Uint8Array(await response.arrayBuffer()), { mergePages: true });
    expect(text.replace(/\s+/g, " ")).toContain(fx.formVersion.content.languages.en!.consent.orders!);
  });

  it.each([
    ["poster", downloadFormPoster],
    ["paper form", downloadPaperForm],
  ] as const)("prints the %s in Hindi, its sentences extractable as written", async (_, route) => {
    const response = await call(route, fx.formVersion.formId, "?lang=hi");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = (await pdfToText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, "");
    expect(text).toContain(HINDI_HEADLINE.replace(/\s+/g, ""));
    expect(text).toContain(HINDI_CONSENT.replace(/\s+/g, ""));
  });

  it("names what is wrong with the request", async () => {
    const size = await call(downloadFormPoster, fx.formVersion.formId, "?size=a3");
    expect(size.status).toBe(422);
    expect((await size.json()).title).toBe("Choose size=a4 or size=letter.");
    const lang = await call(downloadFormPoster, fx.formVersion.formId, "?lang=fr");
    expect((await lang.json()).title).toBe('This form has no "fr" wording. It is written in: en, hi.');
  });

  it("refuses a form that is not published, and does not know a form of another workspace", async () => {
    const draft = await createForm(t.db, fx.workspace.id, { slug: "draft", name: "Draft", channel: "web" });
    const response = await call(downloadPaperForm, draft.id);
    expect(response.status).toBe(409);
    expect((await response.json()).title).toMatch(/^Publish the form first/);
    const other = await createLedgerFixture(t.db);
    expect((await call(downloadPaperForm, other.formVersion.formId)).status).toBe(404);
    expect((await call(downloadPaperForm, "not-a-uuid")).status).toBe(404);
  });
});
