import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import { chromium, type Browser } from "@playwright/test";
import { beginText, endText, PDFDocument, PDFHexString, rgb, setFontAndSize, setTextMatrix, showText } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemChromium } from "../../e2e/support/chromium";
import { inkDifference, inkOf, type Ink } from "../../testing/ink";
import { pdfPageToPng, pdfToText } from "../../testing/poppler";
import { DocumentFont } from "./glyph-font";
import { embedHouseFonts, savePdf, type PdfFonts } from "./pdf-text";
import { ShapingFont } from "./shaping";

// 144 dpi is two pixels a point, as Chromium draws a CSS pixel at device scale 2: the same text, the same size.
const DPI = 144;
const SCALE = DPI / 72;
// The share of ink that may differ between pdftoppm's and Chromium's rendering (see testing/ink.ts). Measured
// when this was written: 0.16 to 0.17 for the three lines below; the same text drawn without shaping, 0.58 and 0.65.
const BOUND = 0.25;
// The line's ink may be this much wider or narrower than Chromium's (measured: a pixel in 1,324). Unshaped, the
// lines are 8 to 9% wider: every virama and every half letter's full form takes room of its own.
const WIDTH_TOLERANCE = 0.01;

const fontPath = (file: string) => new URL(`./fonts/${file}`, import.meta.url);
const SENTENCE = "हाँ, मैं सुरक्षित ऑर्डर अपडेट पाना चाहता/चाहती हूँ। कृपया क्षमा करें, प्रिय मित्र।";
const LABEL = "ऑर्डर अपडेट";

/** `latin` marks the stretches the PDF draws in DejaVu, a Latin word and the space after it, for Chromium to do the same. */
type Line = { text: string; size: number; bold: boolean; latin?: string[] };

describe("shaped text in the PDFs", () => {
  let browser: Browser;
  let faces: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: systemChromium, args: ["--no-sandbox", "--disable-gpu"] });
    const face = async (family: string, file: string, weight: number) =>
      `@font-face{font-family:"${family}";font-weight:${weight};src:url(data:font/ttf;base64,${(await readFile(fontPath(file))).toString("base64")})}`;
    // The very files the PDF embeds, so both sides draw the same outlines.
    faces = (
      await Promise.all([
        face("Print Devanagari", "NotoSansDevanagari-Regular.ttf", 400),
        face("Print Devanagari", "NotoSansDevanagari-Bold.ttf", 700),
        face("Print Latin", "DejaVuSans.ttf", 400),
        face("Print Latin", "DejaVuSans-Bold.ttf", 700),
      ])
    ).join("");
  });
  afterAll(() => browser?.close());

  async function chromiumInk(line: Line): Promise<Ink> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 100 }, deviceScaleFactor: SCALE });
    try {
      const page = await context.newPage();
      const style = `${faces}body{margin:0;background:#fff}p{margin:0;padding:20px;white-space:pre;color:#000;font:${line.bold ? 700 : 400} ${line.size}px "Print Devanagari","Print Latin"}span{font-family:"Print Latin"}`;
      await page.setContent(`<style>${style}</style><p></p>`);
      await page.locator("p").evaluate(
        (p, { text, latin }) => {
          for (const part of latin.length ? text.split(new RegExp(`(${latin.join("|")})`)) : [text]) {
            const node = latin.includes(part) ? Object.assign(document.createElement("span"), { textContent: part }) : document.createTextNode(part);
            p.append(node);
          }
        },
        { text: line.text, latin: line.latin ?? [] },
      );
      await page.evaluate(() => document.fonts.ready);
      return inkOf(await page.screenshot());
    } finally {
      await context.close();
    }
  }

  async function pdfInk(draw: (doc: PDFDocument, fonts: PdfFonts) => Promise<void>): Promise<{ ink: Ink; pdf: Uint8Array }> {
    const doc = await PDFDocument.create();
    const fonts = await embedHouseFonts(doc);
    await draw(doc, fonts);
    const pdf = await savePdf(doc, fonts);
    return { ink: inkOf(await pdfPageToPng(pdf, 1, DPI)), pdf };
  }

  const lines: [string, Line][] = [
    ["a consent sentence (conjuncts, reph, vowel signs before their consonant)", { text: SENTENCE, size: 24, bold: false }],
    ["the bold category label", { text: LABEL, size: 28, bold: true }],
    [
      "a sentence with Latin words in it",
      { text: "हाँ, मैं WhatsApp पर Acme Coffee से अपडेट पाना चाहता हूँ।", size: 24, bold: false, latin: ["WhatsApp ", "Acme Coffee "] },
    ],
  ];

  it.each(lines)("draws %s as Chromium does in the same font at the same size, and it extracts as written", async (_, line) => {
    const { ink, pdf } = await pdfInk(async (doc, fonts) => {
      const page = doc.addPage([1100, 100]);
      (line.bold ? fonts.bold : fonts.sans).draw(page, line.text, { x: 10, y: 15, size: line.size, color: rgb(0, 0, 0) });
    });
    const { widths, heights, difference } = inkDifference(ink, await chromiumInk(line));
    expect(difference).toBeLessThan(BOUND);
    expect(Math.abs(widths[0] - widths[1]) / widths[1]).toBeLessThan(WIDTH_TOLERANCE);
    expect(Math.abs(heights[0] - heights[1])).toBeLessThanOrEqual(2);
    expect((await pdfToText(pdf)).trim()).toBe(line.text);
  });

  // Devanagari only: the unshaped drawing below uses the Devanagari font alone.
  it.each(lines.slice(0, 2))("finds %s drawn without shaping outside the bound", async (_, line) => {
    const file = line.bold ? "NotoSansDevanagari-Bold.ttf" : "NotoSansDevanagari-Regular.ttf";
    const bytes = new Uint8Array(await readFile(fontPath(file)));
    const { ink } = await pdfInk(async (doc) => {
      const page = doc.addPage([1100, 100]);
      // What a PDF library without shaping draws (pdf-lib's drawText, whose fontkit cannot lay out Devanagari):
      // each character's own glyph from the character map, one after the other at its own width.
      const unshaped = new DocumentFont(doc, { shaping: new ShapingFont(file, bytes), fontkit: fontkit.create(bytes) });
      const hex = Array.from(line.text, (ch) => unshaped.place(unshaped.file.fontkit.glyphForCodePoint(ch.codePointAt(0)!).id, ch).hex).join("");
      page.pushOperators(
        beginText(),
        setFontAndSize(unshaped.key(page), line.size),
        setTextMatrix(1, 0, 0, 1, 10, 15),
        showText(PDFHexString.of(hex)),
        endText(),
      );
      await unshaped.embed();
    });
    const { difference, widths } = inkDifference(ink, await chromiumInk(line));
    expect(difference).toBeGreaterThan(BOUND);
    expect(Math.abs(widths[0] - widths[1]) / widths[1]).toBeGreaterThan(WIDTH_TOLERANCE);
  });
});
