import "server-only";
import { PDFDocument } from "pdf-lib";
import { printableTexts, type PrintableForm } from "../forms/printable-form";
import { embedHouseFonts, savePdf } from "./pdf-text";
import { brandInk, ink, PrintFlow, type PaperSize } from "./print-layout";
import { printLabels } from "./print-labels";
import { assertPrintable } from "./printable-script";

const MARGIN = { top: 56, right: 56, bottom: 70, left: 56 };
const BOX = 13;
const BOX_GAP = 12;

/**
 * The paper opt-in form for a counter: fields to fill, one empty box per category beside its exact consent
 * sentence, signature and date, how to stop, and the form version id on every page, which staff enter when they
 * record the signed sheet so the ledger points at exactly the wording the person signed.
 */
export async function renderPaperForm(form: PrintableForm, size: PaperSize, offeredLanguages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedHouseFonts(doc);
  assertPrintable(printableTexts(form), form.language, fonts.sans, offeredLanguages);
  const t = printLabels(form.language);
  const brand = brandInk(form.brandColor);
  const { bold, mono, sans } = fonts;
  doc.setTitle(`${form.businessName}: ${form.headline}`);
  doc.setSubject(`WhatsApp opt-in paper form, form version ${form.version.number} (${form.version.id})`);
  doc.setLanguage(form.language);
  doc.setCreator("Assent");
  doc.setProducer("Assent");

  const flow = new PrintFlow(doc, fonts, size, MARGIN);
  flow.text(form.businessName, { font: bold, size: 11, color: brand });
  flow.gap(2);
  flow.text(form.headline, { font: bold, size: 19, leading: 1.2 });
  if (form.intro) {
    flow.gap(3);
    flow.text(form.intro, { size: 10.5, color: ink.muted });
  }

  // Writing lines: tall enough for handwriting, the label above, a hint in grey where the format matters.
  const writeLine = (label: string, hint: string | null, x: number, width: number) => {
    bold.draw(flow.page, label, { x, y: flow.y - 9, size: 9, color: ink.text });
    if (hint) sans.draw(flow.page, hint, { x: x + width - sans.widthOfTextAtSize(hint, 8), y: flow.y - 9, size: 8, color: ink.muted });
    flow.page.drawLine({ start: { x, y: flow.y - 40 }, end: { x: x + width, y: flow.y - 40 }, thickness: 0.8, color: ink.muted });
  };
  flow.gap(16);
  flow.need(100);
  writeLine(t.phone, t.phoneHint, flow.left, flow.width);
  flow.gap(52);
  writeLine(t.name, null, flow.left, flow.width);
  flow.gap(58);

  flow.text(t.tickInstruction(form.businessName), { font: bold, size: 10.5 });
  flow.gap(10);
  const sentence = { size: 11, indent: BOX + BOX_GAP };
  const detail = { size: 8.5, color: ink.muted, indent: BOX + BOX_GAP };
  for (const c of form.categories) {
    const details = [c.label, c.frequency && `${t.howOften}: ${c.frequency}`, c.example && `${t.forExample}: ${c.example}`].filter(Boolean).join("  ·  ");
    // The box and its sentence must never be split across pages: ask for the whole block's height first.
    flow.need(flow.measure(c.consent, sentence) + flow.measure(details, detail) + 14);
    flow.page.drawRectangle({ x: flow.left, y: flow.y - BOX - 1, width: BOX, height: BOX, borderColor: ink.text, borderWidth: 1.1, color: ink.white });
    flow.text(c.consent, sentence);
    flow.gap(2);
    flow.text(details, detail);
    flow.gap(14);
  }

  flow.gap(14);
  flow.need(62);
  const dateWidth = 150;
  const signWidth = flow.width - dateWidth - 24;
  const lineY = flow.y - 34;
  for (const [label, x, width] of [
    [t.signature, flow.left, signWidth],
    [t.date, flow.left + signWidth + 24, dateWidth],
  ] as const) {
    flow.page.drawLine({ start: { x, y: lineY }, end: { x: x + width, y: lineY }, thickness: 0.8, color: ink.muted });
    bold.draw(flow.page, label, { x, y: lineY - 12, size: 9, color: ink.text });
  }
  flow.gap(62);

  flow.need(36);
  flow.text(t.howToStop, { font: bold, size: 10 });
  flow.text(form.howToStop, { size: 10 });
  if (form.privacyPolicyUrl) {
    flow.gap(6);
    flow.text(`${t.privacy}: ${form.privacyPolicyUrl}`, { size: 9, color: ink.muted });
  }

  // The staff block: what to type when recording the sheet, boxed so it reads as not for the customer.
  flow.gap(16);
  const idLine = `${t.formVersion} ${form.version.number}: ${form.version.id}`;
  const digestLine = `${t.wordingDigest}: ${form.version.digest}`;
  const inner = { size: 8.5, indent: 10, width: flow.width - 10 };
  const boxHeight = 14 + flow.measure(idLine, { ...inner, font: mono }) + flow.measure(digestLine, { ...inner, font: mono, size: 7 }) + 40;
  flow.need(boxHeight);
  flow.page.drawRectangle({
    x: flow.left,
    y: flow.y - boxHeight,
    width: flow.width,
    height: boxHeight,
    color: ink.faint,
    borderColor: ink.rule,
    borderWidth: 0.8,
  });
  flow.gap(8);
  flow.text(t.staffOnly, { font: bold, size: 8.5, indent: 10, color: ink.muted });
  flow.text(idLine, { ...inner, font: mono });
  flow.text(digestLine, { ...inner, font: mono, size: 7, color: ink.muted });
  flow.gap(24);
  const half = (flow.width - 30) / 2;
  for (const [label, x] of [
    [t.recordedBy, flow.left + 10],
    [t.recordedOn, flow.left + 20 + half],
  ] as const) {
    sans.draw(flow.page, label, { x, y: flow.y + 2, size: 8.5, color: ink.muted });
    const start = x + sans.widthOfTextAtSize(label, 8.5) + 6;
    flow.page.drawLine({ start: { x: start, y: flow.y }, end: { x: x + half - 10, y: flow.y }, thickness: 0.6, color: ink.muted });
  }

  // Every page names the version: pages of a signed form get separated, and each must still be traceable.
  flow.pages.forEach((page, i) => {
    const left = `${form.businessName} · ${t.formVersion} ${form.version.number} · ${form.version.id}`;
    const right = t.page(i + 1, flow.pages.length);
    page.drawLine({ start: { x: flow.left, y: 46 }, end: { x: flow.pageWidth - MARGIN.right, y: 46 }, thickness: 0.5, color: ink.rule });
    let size = 7.5;
    while (size > 5 && sans.widthOfTextAtSize(left, size) + sans.widthOfTextAtSize(right, size) + 16 > flow.width) size -= 0.25;
    sans.draw(page, left, { x: flow.left, y: 34, size, color: ink.muted });
    sans.draw(page, right, { x: flow.pageWidth - MARGIN.right - sans.widthOfTextAtSize(right, size), y: 34, size, color: ink.muted });
  });
  return savePdf(doc, fonts);
}
