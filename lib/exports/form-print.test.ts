import { writeFile } from "node:fs/promises";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { pdfToText } from "../../testing/poppler";
import { AppError } from "../errors";
import { hi } from "../i18n/messages/hi";
import type { PrintableForm } from "../forms/printable-form";
import { renderFormPoster } from "./form-poster";
import { renderPaperForm } from "./paper-form";
import { paperSizes, type PaperSize } from "./print-layout";

const squash = (s: string) => s.replace(/\s+/g, "");

const LONG_CONSENT =
  "Sí, quiero recibir actualizaciones de pedidos de “Café Acme São Paulo” por WhatsApp: confirmaciones, envíos, devoluciones y reembolsos " +
  "(₹ y € incluidos), según la política en https://assent.example/politica-de-privacidad/version-2026-01-01/seccion-mensajes-de-whatsapp?idioma=es&origen=formulario " +
  "— Señor Núñez, déjà vu. ".repeat(8) +
  "Puedo darme de baja cuando quiera respondiendo BAJA.";

function sample(overrides: Partial<PrintableForm> = {}): PrintableForm {
  return {
    businessName: "Acme Coffee",
    brandColor: "#0f766e",
    language: "en",
    headline: "Get Acme Coffee updates on WhatsApp",
    intro: "Order updates the moment they happen, and offers only if you want them.",
    categories: [
      {
        key: "order_updates",
        label: "Order updates",
        description: "Your orders",
        example: "Your order #1042 has shipped.",
        frequency: "Per order",
        consent: "Yes, I want to receive order updates from Acme Coffee on WhatsApp.",
      },
      {
        key: "offers",
        label: "Offers",
        description: "Deals",
        example: "20% off beans this weekend.",
        frequency: "Up to 4 a month",
        consent: "Yes, I want to receive offers from Acme Coffee on WhatsApp.",
      },
    ],
    howToStop: "You can stop at any time: reply STOP to Acme Coffee on WhatsApp.",
    privacyPolicyUrl: "https://acme.example/privacy",
    url: "https://assent.example/f/demo/join",
    version: { id: "5f0e3c1a-9b7d-4c2e-8a61-3d2f1e0b9c7a", number: 3, digest: "a".repeat(64) },
    ...overrides,
  };
}

/**
 * Hindi wording with what shaping must get right: conjuncts (क्ष in सुरक्षित, ट्स), reph (र्ड in ऑर्डर), the
 * i-sign drawn before its consonant (कि), nukta (फ़, ख़), candra (ऑ), the danda, and Latin words in between.
 */
function hindiSample(): PrintableForm {
  return sample({
    language: "hi",
    headline: "व्हाट्सऐप पर Acme Coffee से अपडेट पाएँ",
    intro: "ऑर्डर की हर जानकारी तुरंत, और ऑफ़र केवल तब जब आप चाहें। आपका नंबर सुरक्षित रखा जाता है।",
    categories: [
      {
        key: "order_updates",
        label: "ऑर्डर अपडेट",
        description: "आपके ऑर्डर",
        example: "आपका ऑर्डर #1042 भेज दिया गया है।",
        frequency: "हर ऑर्डर पर",
        consent: "हाँ, मैं WhatsApp पर Acme Coffee से ऑर्डर अपडेट पाना चाहता/चाहती हूँ।",
      },
      {
        key: "offers",
        label: "ख़ास ऑफ़र",
        description: "छूट",
        example: "इस सप्ताहांत कॉफ़ी बीन्स पर 20% की छूट।",
        frequency: "महीने में अधिकतम 4 बार",
        consent: "हाँ, मैं WhatsApp पर Acme Coffee से ख़ास ऑफ़र और छूट की सूचनाएँ पाना चाहता/चाहती हूँ। मुझे पता है कि मैं कभी भी रोक सकता/सकती हूँ।",
      },
    ],
    howToStop: hi.preferences.howToStop("Acme Coffee", null),
  });
}

async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  return (await extractText(new Uint8Array(pdf), { mergePages: false })).text;
}

/** Every text run lies inside the paper with a margin of at least `margin` points: nothing is clipped or overflows. */
async function textOutsideMargins(pdf: Uint8Array, size: PaperSize, margin = 20): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { width, height } = paperSizes[size];
  const outside: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , pw, ph] = page.view;
    expect([Math.round(pw!), Math.round(ph!)]).toEqual([Math.round(width), Math.round(height)]);
    for (const item of (await page.getTextContent()).items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const x = item.transform[4] as number;
      const y = item.transform[5] as number;
      if (x < margin || x + item.width > width - margin || y < margin || y > height - margin) outside.push(`page ${p}: ${item.str}`);
    }
  }
  return outside;
}

const renderers = { poster: renderFormPoster, "paper form": renderPaperForm };

describe.each(Object.entries(renderers))("%s PDF", (name, render) => {
  it.each(["a4", "letter"] as const)("shows the exact consent sentences, how to stop, the privacy link and the version id on %s", async (size) => {
    const form = sample();
    const pdf = await render(form, size, ["en"]);
    if (process.env.PRINT_SAMPLES) await writeFile(`${process.env.PRINT_SAMPLES}/${name.replace(" ", "-")}-${size}.pdf`, pdf);
    const pages = await pageTexts(pdf);
    const all = squash(pages.join("\n"));
    for (const c of form.categories) expect(all).toContain(squash(c.consent));
    expect(all).toContain(squash(form.howToStop));
    expect(all).toContain(squash(form.privacyPolicyUrl!));
    expect(all).toContain(form.version.id);
    expect(all).toContain(squash(form.businessName));
    expect(pages).toHaveLength(1);
    expect(await textOutsideMargins(pdf, size)).toEqual([]);
  });

  it("wraps the longest wording without losing a character or leaving the paper", async () => {
    const categories = Array.from({ length: 6 }, (_, i) => ({
      ...sample().categories[0]!,
      key: `k${i}`,
      label: `Categoría ${i + 1} con un nombre bastante largo`,
      consent: `${i + 1}. ${LONG_CONSENT}`,
    }));
    const form = sample({
      language: "es",
      categories,
      headline: "Reciba las novedades de Café Acme São Paulo por WhatsApp, cuando usted quiera y como usted quiera",
      intro: LONG_CONSENT,
    });
    const pdf = await render(form, "letter", ["es", "en"]);
    if (process.env.PRINT_SAMPLES) await writeFile(`${process.env.PRINT_SAMPLES}/${name.replace(" ", "-")}-long.pdf`, pdf);
    const pages = await pageTexts(pdf);
    const all = squash(pages.join("\n"));
    for (const c of categories) expect(all).toContain(squash(c.consent));
    expect(await textOutsideMargins(pdf, "letter")).toEqual([]);
    // The version id is on every page, so a separated sheet can still be traced.
    if (name === "paper form") for (const page of pages) expect(squash(page)).toContain(form.version.id);
  });

  it("prints Hindi shaped, and every sentence extracts as written", async () => {
    const form = hindiSample();
    const pdf = await render(form, "a4", ["en", "hi"]);
    if (process.env.PRINT_SAMPLES) await writeFile(`${process.env.PRINT_SAMPLES}/${name.replace(" ", "-")}-hi.pdf`, pdf);
    // pdftotext reads each line's /ActualText: the sentence in logical order, not the glyphs' visual order.
    const text = await pdfToText(pdf);
    const all = squash(text);
    for (const c of form.categories) expect(all).toContain(squash(c.consent));
    expect(all).toContain(squash(form.howToStop));
    expect(all).toContain(squash(form.headline));
    expect(all).toContain(form.version.id);
    // The printed form's own words are Hindi too, not English beside Hindi wording.
    expect(all).toContain(squash(name === "poster" ? "साइन अप करने के लिए अपने फ़ोन के कैमरे से स्कैन करें" : "हस्ताक्षर"));
    expect(await textOutsideMargins(pdf, "a4")).toEqual([]);
  });

  it("refuses Arabic with a 422 that says why, rather than printing it in the wrong order", async () => {
    const form = sample({ language: "en", headline: "احصل على تحديثات Acme Coffee على واتساب" });
    const error = await render(form, "a4", ["en", "hi"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).message).toContain("English");
    expect((error as AppError).message).toContain("Arabic");
    expect((error as AppError).message).toContain("(hi)");
  });
});
