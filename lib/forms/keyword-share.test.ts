import { eq } from "drizzle-orm";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceRoute } from "../handlers/workspace-route";
import type { ActiveSession } from "../auth/staff-sessions";
import { defaultOptOutKeywords } from "../channels/keywords";
import { channelSettings } from "../db/schema/channels";
import type { FormVersionContent } from "../db/schema/form-content";
import { workspaces } from "../db/schema/workspaces";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { pdfPageToPng, pdfToText } from "../../testing/poppler";
import { signedInMember, testMeta } from "../../testing/staff";
import { findBuilderForm } from "./builder.queries";
import { downloadFormPoster } from "./print.routes";
import { createForm, publishFormVersion } from "./publish";
import { formShare } from "./share-links";

/** What a phone camera reads from an image: the QR code's text, or null when there is none to read. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
const dataUrlBytes = (url: string) => Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
const flat = (s: string) => s.replace(/[\s\u00a0]+/g, " ");

describe.each(testDatabaseKinds())("a keyword form's share page and poster on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let viewer: ActiveSession;

  async function keywordForm(slug: string, channel: "sms" | "whatsapp", keyword: string, extra: Partial<FormVersionContent> = {}) {
    const form = await createForm(t.db, fx.workspace.id, { slug, name: slug, channel, keyword });
    await publishFormVersion(t.db, fx.workspace.id, form.id, { ...fx.formVersion.content, keyword, ...extra });
    return form.id;
  }
  const share = async (formId: string) => formShare(t.db, fx.workspace, (await findBuilderForm(t.db, fx.workspace.id, formId))!);
  const poster = (formId: string, query = "") =>
    runWorkspaceRoute(downloadFormPoster, t.db, viewer, testMeta, new Request(`http://t/x/forms/${formId}/poster${query}`), {
      workspace: fx.workspace.slug,
      form: formId,
    });
  const setNumbers = async (sms: string | null, whatsapp: string | null) => {
    await t.db.update(workspaces).set({ whatsappNumber: whatsapp }).where(eq(workspaces.id, fx.workspace.id));
    await t.db
      .insert(channelSettings)
      .values({ workspaceId: fx.workspace.id, whatsappVerifyToken: "verify", optOutKeywords: defaultOptOutKeywords, smsNumber: sms })
      .onConflictDoUpdate({ target: channelSettings.workspaceId, set: { smsNumber: sms } });
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    viewer = await signedInMember(t.db, fx.workspace.id, "viewer");
  });
  afterAll(() => t?.drop());

  it("the share data of a keyword form without a web page: the call, the sms: link and its QR code, no web link or embed", async () => {
    await setNumbers("+14155550111", "+14155550100");
    const s = await share(await keywordForm("text-join", "sms", "JOIN"));
    expect(s.webPage).toBe(false);
    expect(s.keyword).toMatchObject({
      channel: "sms",
      keyword: "JOIN",
      call: "Text JOIN to +1\u00a0415\u00a0555\u00a00111",
      link: "sms:+14155550111?body=JOIN",
    });
    expect(decodeQr(dataUrlBytes(s.keyword!.qr!.png))).toBe("sms:+14155550111?body=JOIN");
    expect(dataUrlBytes(s.keyword!.qr!.svg).toString()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const wa = await share(await keywordForm("wa-coffee", "whatsapp", "COFFEE", { webPage: true }));
    expect(wa.webPage).toBe(true);
    expect(wa.keyword).toMatchObject({ call: "Send COFFEE on WhatsApp to +1\u00a0415\u00a0555\u00a00100", link: "https://wa.me/14155550100?text=COFFEE" });
    // A web form has no keyword part.
    expect(await share(fx.formVersion.formId)).toMatchObject({ webPage: true, keyword: null });
  });

  it("prints the SMS poster: 'Text JOIN to' the number, a QR code that opens the message, the consent and the version", async () => {
    await setNumbers("+14155550111", "+14155550100");
    const response = await poster(await keywordForm("sms-poster", "sms", "JOIN"), "?size=letter");
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(await response.arrayBuffer());
    const text = flat(await pdfToText(pdf));
    expect(text).toContain("Text JOIN to +1 415 555 0111");
    expect(text).toContain(flat(fx.formVersion.content.languages.en!.consent.orders!));
    expect(text).toContain(flat(fx.formVersion.content.languages.en!.howToStop));
    expect(text).not.toContain("or visit");
    expect(text).toContain("What you get by text message");
    // The headline is the web page's: a keyword form without one has only the builder's starter text there.
    expect(text).not.toContain(flat(fx.formVersion.content.languages.en!.headline));
    expect(text).toMatch(/Form version \d+ · [0-9a-f-]{36} · SHA-256 [0-9a-f]{64} · en/);
    expect(decodeQr(await pdfPageToPng(pdf, 1, 100))).toBe("sms:+14155550111?body=JOIN");
  });

  it("prints the WhatsApp poster in the language asked for, its QR code the wa.me link", async () => {
    await setNumbers("+14155550111", "+14155550100");
    const en = fx.formVersion.content.languages.en!;
    const id = await keywordForm("wa-poster", "whatsapp", "COFFEE", { languages: { en, es: { ...en, headline: "Ofertas por WhatsApp" } } });
    const pdf = new Uint8Array(await (await poster(id)).arrayBuffer());
    expect(flat(await pdfToText(pdf))).toContain("Send COFFEE on WhatsApp to +1 415 555 0100");
    expect(decodeQr(await pdfPageToPng(pdf, 1, 100))).toBe("https://wa.me/14155550100?text=COFFEE");
    const es = flat(await pdfToText(new Uint8Array(await (await poster(id, "?lang=es")).arrayBuffer())));
    expect(es).toContain("Envía COFFEE por WhatsApp al +1 415 555 0100");
  });

  it("without the number: no call, link or QR code on the share page, the settings page named, and no poster", async () => {
    await setNumbers(null, null);
    const id = await keywordForm("no-number", "sms", "JOIN");
    expect((await share(id)).keyword).toMatchObject({ call: null, link: null, qr: null, settingsHref: `/${fx.workspace.slug}/settings/channels` });
    const response = await poster(id);
    expect(response.status).toBe(409);
    expect((await response.json()).title).toBe("Set the SMS number in Settings → Channels first: the poster says where to send JOIN.");
  });

  it("a web form's poster still points at its web address", async () => {
    const pdf = new Uint8Array(await (await poster(fx.formVersion.formId)).arrayBuffer());
    const text = flat(await pdfToText(pdf));
    expect(text).toContain("or visit");
    expect(decodeQr(await pdfPageToPng(pdf, 1, 100))).toMatch(/\/f\/[^/]+\/join$/);
  });
});
