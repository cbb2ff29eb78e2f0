import "server-only";
import { PDFDocument } from "pdf-lib";
import type { PrintableForm } from "../forms/printable-form";
import { formQrModules } from "../forms/qr-code";
import { embedHouseFonts, savePdf, type PdfFonts } from "./pdf-text";
import { brandInk, drawQr, ink, PrintFlow, type PaperSize } from "./print-layout";
import { printLabels } from "./print-labels";
import { assertPrintable } from "./printable-script";
import { printableTexts } from "../forms/printable-form";

const MARGIN = { top: 96, right: 54, bottom: 64, left: 54 };
const BAND = 62;
// A poster is one sheet: long wording first shrinks (down to still-readable sizes), and only then flows over.
const SCALES = [1, 0.92, 0.85, 0.78, 0.71, 0.64];

/**
 * The counter poster: who is asking, the QR code to the hosted form (for a keyword form: what to send where, and
 * the code that opens that message), each category with its exact consent sentence, how to stop and the privacy
 * link; the version it shows in small print so it can be traced.
 */
export async function renderFormPoster(form: PrintableForm, size: PaperSize, offeredLanguages: string[]): Promise<Uint8Array> {
  for (const [i, scale] of SCALES.entries()) {
    // Saving (font subsetting) is the slow part: only the chosen layout is saved.
    const { doc, fonts, pages, spare } = await layOut(form, size, scale, offeredLanguages, 0);
    if (pages > 1 && i < SCALES.length - 1) continue;
    // Short wording leaves the sheet half empty: give the room to the QR code, up to about 10 cm.
    if (pages === 1 && scale === 1 && spare > 40) {
      const roomier = await layOut(form, size, 1, offeredLanguages, Math.min(spare - 30, 100));
      return savePdf(roomier.doc, roomier.fonts);
    }
    return savePdf(doc, fonts);
  }
  throw new Error("unreachable: the last scale always returns");
}

async function layOut(form: PrintableForm, size: PaperSize, s: number, offered: string[], extraQr: number) {
  const doc = await PDFDocument.create();
  const fonts = await embedHouseFonts(doc);
  assertPrintable(printableTexts(form), form.language, fonts.sans, offered);
  const t = printLabels(form.language);
  const brand = brandInk(form.brandColor);
  doc.setTitle(`${form.businessName}: ${form.keyword?.call ?? form.headline}`);
  doc.setSubject(`${form.keyword?.channel === "sms" ? "SMS" : "WhatsApp"} opt-in poster, form version ${form.version.number} (${form.version.id})`);
  doc.setLanguage(form.language);
  doc.setCreator("Assent");
  doc.setProducer("Assent");

  const flow = new PrintFlow(doc, fonts, size, MARGIN);
  const { bold, mono } = fonts;

  // A keyword form leads with what to send where. Its headline and intro are its web page's (the builder offers
  // them only with one), so they are left out rather than print a starter text nobody wrote for this poster.
  flow.text(form.keyword?.call ?? form.headline, { font: bold, size: 28 * s, align: "center", leading: 1.2 });
  if (form.intro && !form.keyword) {
    flow.gap(6 * s);
    flow.text(form.intro, { size: 12.5 * s, color: ink.muted, align: "center" });
  }

  // The QR code is the poster's point: kept at 4.5 cm or more, the size phone cameras read from a metre away.
  const side = Math.max(128, 190 * s) + extraQr;
  flow.gap(18 * s);
  flow.need(side + 60);
  // For a keyword form the code opens the message with the keyword typed in (sms: or wa.me), not a web page.
  drawQr(flow.page, formQrModules(form.keyword?.link ?? form.url), flow.left + (flow.width - side) / 2, flow.y, side);
  flow.gap(side + 12 * s);
  flow.text(t.scanToSignUp, { font: bold, size: 13 * s, align: "center" });
  if (!form.keyword) flow.text(`${t.orVisit} ${form.url}`, { font: mono, size: 9.5 * s, color: ink.muted, align: "center" });

  flow.gap(18 * s);
  flow.need(60);
  flow.text(form.keyword ? t.youGet[form.keyword.channel] : t.chooseHeading, { font: bold, size: 14 * s, color: brand });
  flow.gap(3);
  flow.rule(brand, 1);
  flow.gap(10 * s);
  for (const c of form.categories) {
    const details = [c.frequency && `${t.howOften}: ${c.frequency}`, c.example && `${t.forExample}: ${c.example}`].filter(Boolean).join("  ·  ");
    const style = { size: 10.5 * s, indent: 12, bar: brand };
    flow.need(14 * s * 1.35 + flow.measure(`“${c.consent}”`, style));
    flow.text(c.label, { font: bold, size: 12.5 * s });
    if (details) flow.text(details, { size: 9 * s, color: ink.muted });
    flow.gap(3 * s);
    flow.text(`“${c.consent}”`, style);
    flow.gap(11 * s);
  }

  flow.gap(4 * s);
  flow.need(40);
  flow.text(t.howToStop, { font: bold, size: 11 * s });
  flow.text(form.howToStop, { size: 10.5 * s });
  if (form.privacyPolicyUrl) {
    flow.gap(8 * s);
    flow.text(`${t.privacy}: ${form.privacyPolicyUrl}`, { size: 9 * s, color: ink.muted });
  }

  decorate(flow, fonts, form, brand);
  return { doc, fonts, pages: flow.pages.length, spare: flow.y - flow.bottom };
}

/** The brand band with the business name on top, the version's identity in small print at the foot. */
function decorate(flow: PrintFlow, fonts: PdfFonts, form: PrintableForm, brand: ReturnType<typeof brandInk>) {
  const small = `Form version ${form.version.number} · ${form.version.id} · SHA-256 ${form.version.digest} · ${form.language}`;
  for (const page of flow.pages) {
    page.drawRectangle({ x: 0, y: flow.pageHeight - BAND, width: flow.pageWidth, height: BAND, color: brand });
    let nameSize = 20;
    while (nameSize > 10 && fonts.bold.widthOfTextAtSize(form.businessName, nameSize) > flow.width) nameSize -= 1;
    fonts.bold.draw(page, form.businessName, { x: flow.left, y: flow.pageHeight - BAND / 2 - nameSize * 0.36, size: nameSize, color: ink.white });
    let smallSize = 6.5;
    while (smallSize > 4.5 && fonts.mono.widthOfTextAtSize(small, smallSize) > flow.width) smallSize -= 0.25;
    page.drawLine({ start: { x: flow.left, y: 40 }, end: { x: flow.pageWidth - flow.margin.right, y: 40 }, thickness: 0.5, color: ink.rule });
    fonts.mono.draw(page, small, { x: flow.left, y: 28, size: smallSize, color: ink.muted });
  }
}
