import { writeFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadCertificate } from "../contacts/certificate.routes";
import { auditLog } from "../db/schema/access";
import { users, workspaceNames, workspaces } from "../db/schema/workspaces";
import { NotFoundError } from "../errors";
import { publishFormVersion } from "../forms/publish";
import { defaultEnglishWording } from "../forms/wording";
import { append } from "../ledger/append";
import { erasePersonalData } from "../contacts/erasure/erase";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { pdfToText } from "../../testing/poppler";
import { loadCertificateInput, renderConsentCertificate } from "./certificate";
import { exportEvents } from "./events";

/** Text of each page, as a real PDF reader (pdf.js) extracts it. */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return text;
}
/** Wrapped lines come back with line breaks (and a hash or URL broken mid-word); compare without any whitespace. */
const squash = (s: string) => s.replace(/\s+/g, "");

const LONG_WORDING =
  "Sí, quiero recibir actualizaciones de pedidos de “Test Shop” por WhatsApp: confirmaciones, envíos, devoluciones y reembolsos " +
  "(₹ y € incluidos), según la política en https://assent.example/politica-de-privacidad/version-2026-01-01/seccion-mensajes-de-whatsapp?idioma=es&origen=formulario " +
  "— São Paulo, Señor Núñez, déjà vu. ".repeat(6) +
  "Puedo darme de baja cuando quiera respondiendo BAJA.";

async function collectText(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  return out;
}

describe.each(testDatabaseKinds())("consent certificate on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  const user = { id: "", email: "compliance@test.example", name: "Casey Compliance" };
  const actorOf = (f: LedgerFixture) => ({ workspace: f.workspace, user });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
    const [row] = await t.db.insert(users).values({ email: user.email, name: user.name }).returning();
    user.id = row!.id;
  });
  afterAll(() => t?.drop());

  /** Publishes a version of the fixture's form in one language: the default wording with these consent sentences. */
  async function publishWording(language: string, consent: Record<string, string>) {
    const categories = fx.categories.map((c) => ({ key: c.key, label: c.label }));
    const wording = defaultEnglishWording("Test Shop", categories);
    return publishFormVersion(t.db, fx.workspace.id, fx.formVersion.formId, {
      businessName: "Test Shop",
      privacyPolicyUrl: null,
      defaultLanguage: language,
      categoryKeys: categories.map((c) => c.key),
      askConfirmation: false,
      languages: { [language]: { ...wording, consent: { ...wording.consent, ...consent } } },
    });
  }

  const download = (contactId: string, meta: { ip: string; userAgent: string; requestId: string }) =>
    downloadCertificate.handle({
      db: t.db,
      actor: { ...actorOf(fx), sessionId: "s", role: "compliance" },
      meta,
      request: new Request("http://localhost/"),
      params: { workspace: fx.workspace.slug, contact: contactId },
    });

  it("shows the wording, the business, the number, every hash and the verification", async () => {
    const optIn = await append(t.db, webOptIn(fx, "+12015550141", { categories: ["orders", "offers"], name: "Ana" }));
    await append(t.db, apiOptOut(fx, "+12015550141", ["offers"]));
    const input = await loadCertificateInput(t.db, actorOf(fx), optIn.contactId);
    expect(input.events).toHaveLength(3);
    const pages = await pageTexts(await renderConsentCertificate(input));
    const all = pages.join("\n");

    expect(all).toContain("Consent certificate");
    expect(all).toContain("Yes, I want to receive order updates from Test Shop on WhatsApp.");
    expect(all).toContain("Test Shop Ltd");
    expect(all).toContain("+12015550141");
    expect(all).toContain(user.email);
    for (const e of input.events) expect(squash(all)).toContain(e.hash);
    expect(all).toContain("Chain verified: 3 events, every hash and link intact.");
    expect(all).toContain("npm run assent -- ledger:verify --workspace <slug>");
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(squash(page)).toContain(optIn.contactId);
    });
    expect(pages[0]).toContain("Page 1 of");
  });

  it("names the business as it was when each event happened, in the certificate and in the export", async () => {
    const shop = await createLedgerFixture(t.db);
    const before = await append(t.db, webOptIn(shop, "+12015550177", { categories: ["orders"] }));
    // Renamed after the opt-in (a trigger keeps the old name), then an opt-out under the new name.
    await t.db.update(workspaces).set({ businessName: "Brew & Co", legalName: "Brew and Company Inc" }).where(eq(workspaces.id, shop.workspace.id));
    await append(t.db, apiOptOut(shop, "+12015550177", ["orders"]));
    const [renamed] = await t.db.select().from(workspaces).where(eq(workspaces.id, shop.workspace.id));
    const input = await loadCertificateInput(t.db, { workspace: renamed!, user }, before.contactId);
    const all = squash((await pageTexts(await renderConsentCertificate(input))).join("\n"));
    expect(all).toContain(squash("Business Brew & Co"));
    expect(all.split(squash("Business then Test Shop (legal name Test Shop Ltd)"))).toHaveLength(2);

    const lines = (await collectText(exportEvents(t.db, { workspaceId: shop.workspace.id }, "jsonl")))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.action, l.business_name, l.legal_name])).toEqual([
      ["opt_in", "Test Shop", "Test Shop Ltd"],
      ["opt_out", "Brew & Co", "Brew and Company Inc"],
    ]);
    // The names are evidence too: no one rewrites them.
    await expect(t.db.update(workspaceNames).set({ businessName: "Someone else" })).rejects.toThrow();
  });

  it("wraps a long wording over several lines without losing a character", async () => {
    const version = await publishWording("es", { orders: LONG_WORDING });
    const receipt = await append(t.db, webOptIn(fx, "+12015550142", { formVersionId: version.id, language: "es" }));
    const input = await loadCertificateInput(t.db, actorOf(fx), receipt.contactId);
    expect(input.events[0]!.consentText).toBe(LONG_WORDING);
    const pdf = await renderConsentCertificate(input);
    const all = (await pageTexts(pdf)).join("\n");

    expect(squash(all)).toContain(squash(`“${LONG_WORDING}”`));
    expect(all).not.toContain(LONG_WORDING); // it was wrapped, not drawn as one line running off the page
    expect(all).not.toContain("cannot be printed exactly"); // every character has a glyph in DejaVu Sans
    if (process.env.CERTIFICATE_SAMPLE) await writeFile(process.env.CERTIFICATE_SAMPLE, pdf);
  });

  it("downloads with Hindi wording and a Hindi name shaped, and pdftotext gives them back as written", async () => {
    const consent = "हाँ, मैं WhatsApp पर Test Shop से ऑर्डर अपडेट पाना चाहता/चाहती हूँ। मुझे पता है कि मैं कभी भी रोक सकता/सकती हूँ।";
    const version = await publishWording("hi", { orders: consent });
    const name = "अनन्या क्षत्रिय";
    const receipt = await append(t.db, webOptIn(fx, "+12015550146", { formVersionId: version.id, language: "hi", name }));
    const res = await download(receipt.contactId, { ip: "198.51.100.9", userAgent: "test-agent", requestId: "req-cert-hi" });
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    if (process.env.CERTIFICATE_SAMPLE) await writeFile(process.env.CERTIFICATE_SAMPLE.replace(/\.pdf$/, "-hi.pdf"), pdf);
    const all = squash(await pdfToText(pdf));
    expect(all).toContain(squash(`“${consent}”`));
    expect(all).toContain(squash(name));
    expect(all).toContain("Chainverified");
    expect(all).not.toContain("cannotbeprintedexactly");
  });

  it("warns under a wording it cannot print exactly, rather than printing it in the wrong order", async () => {
    const input = await loadCertificateInput(t.db, actorOf(fx), (await append(t.db, webOptIn(fx, "+12015550147"))).contactId);
    const arabic = { ...input.events[0]!, consentText: "نعم، أريد تلقي تحديثات الطلبات من Test Shop على واتساب." };
    const all = squash(await pdfToText(await renderConsentCertificate({ ...input, events: [arabic] })));
    expect(all).toContain("cannotbeprintedexactly");
  });

  it("says when personal data was erased and still verifies", async () => {
    const receipt = await append(t.db, webOptIn(fx, "+12015550143"));
    await erasePersonalData(t.db, { workspaceId: fx.workspace.id, contactId: receipt.contactId, actor: { userId: null, label: "test" }, reason: "request" });
    const all = (await pageTexts(await renderConsentCertificate(await loadCertificateInput(t.db, actorOf(fx), receipt.contactId)))).join("\n");
    expect(all).toMatch(/Phone number\s*erased/);
    expect(all).toContain("Personal data was erased on");
    expect(all).not.toContain("+12015550143");
    // The opt-in and the erasure's opt-out of each of the three categories.
    expect(all).toContain("Chain verified: 4 events, every hash and link intact.");
  });

  it("does not find another workspace's contact", async () => {
    const theirs = await append(t.db, webOptIn(other, "+12015550144"));
    await expect(loadCertificateInput(t.db, actorOf(fx), theirs.contactId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadCertificateInput(t.db, actorOf(fx), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("downloads as an attachment and writes the staff audit log", async () => {
    const receipt = await append(t.db, webOptIn(fx, "+12015550145"));
    const meta = { ip: "198.51.100.9", userAgent: "test-agent", requestId: "req-cert-1" };
    const res = await download(receipt.contactId, meta);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="consent-certificate-12015550145.pdf"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(body.slice(0, 5))).toBe("%PDF-");
    const logged = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "contact.certificate"), eq(auditLog.targetId, receipt.contactId)));
    expect(logged).toEqual([
      expect.objectContaining({ workspaceId: fx.workspace.id, actorUserId: user.id, actorLabel: user.email, targetType: "contact", ...meta }),
    ]);
  });
});
