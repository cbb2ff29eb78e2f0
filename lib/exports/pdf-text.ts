import "server-only";
import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";
import { DocumentFont, type FontFile } from "./glyph-font";
import { ShapingFont } from "./shaping";
import { Typeface } from "./typeface";

// Fonts: DejaVu covers Latin, Greek, Cyrillic and symbols such as ₹ (the standard 14 PDF fonts cannot encode
// them); Noto Sans Devanagari covers Hindi. Static `new URL(…, import.meta.url)` literals let Next's bundler see
// and ship the files with the route.
const fontUrls = {
  sans: new URL("./fonts/DejaVuSans.ttf", import.meta.url),
  bold: new URL("./fonts/DejaVuSans-Bold.ttf", import.meta.url),
  mono: new URL("./fonts/DejaVuSansMono.ttf", import.meta.url),
  devanagari: new URL("./fonts/NotoSansDevanagari-Regular.ttf", import.meta.url),
  devanagariBold: new URL("./fonts/NotoSansDevanagari-Bold.ttf", import.meta.url),
};
type FontName = keyof typeof fontUrls;

let fontFiles: Promise<Record<FontName, FontFile>> | undefined;
function loadFontFiles(): Promise<Record<FontName, FontFile>> {
  fontFiles ??= Promise.all(
    Object.entries(fontUrls).map(async ([name, url]) => {
      const bytes = new Uint8Array(await readFile(url));
      return [name, { shaping: new ShapingFont(name, bytes), fontkit: fontkit.create(bytes) }] as const;
    }),
  )
    .then((entries) => Object.fromEntries(entries) as Record<FontName, FontFile>)
    .catch((error: unknown) => {
      fontFiles = undefined; // a transient read error must not poison every later document
      throw error;
    });
  return fontFiles;
}

export type PdfFonts = { sans: Typeface; bold: Typeface; mono: Typeface; embed(): Promise<void> };

const devanagari = /^\p{Script_Extensions=Devanagari}$/u;

/** The house typefaces for one document; each font file is embedded (as a subset) only if a glyph of it is drawn. */
export async function embedHouseFonts(doc: PDFDocument): Promise<PdfFonts> {
  const files = await loadFontFiles();
  const fonts = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, new DocumentFont(doc, file)])) as Record<FontName, DocumentFont>;
  return {
    sans: new Typeface(fonts.sans, [{ pattern: devanagari, font: fonts.devanagari }]),
    bold: new Typeface(fonts.bold, [{ pattern: devanagari, font: fonts.devanagariBold }]),
    // Devanagari has no monospaced Noto; ids and digests are ASCII, and anything else stays readable.
    mono: new Typeface(fonts.mono, [{ pattern: devanagari, font: fonts.devanagari }]),
    embed: async () => {
      await Promise.all(Object.values(fonts).map((f) => f.embed()));
    },
  };
}

/** Embeds the fonts the document drew with, then saves it. */
export async function savePdf(doc: PDFDocument, fonts: PdfFonts): Promise<Uint8Array> {
  await fonts.embed();
  return doc.save();
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Greedy word wrap measured with the shaped advances, breaking at spaces but not at no-break spaces; a word wider
 * than the line (a URL, a hash) is broken between grapheme clusters, never inside one (a vowel sign stays with its
 * consonant), and never clipped.
 */
export function wrapText(text: string, font: Typeface, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.replace(/\t/g, "    ").split(/\r\n|\r|\n/)) {
    let line = "";
    // No-break spaces bind: "+1\u00a0415\u00a0555\u00a00100" is one word, as a browser would keep it.
    for (const word of paragraph.match(/(?:[^\s]|[\u00a0\u202f])+[^\S\u00a0\u202f]*/g) ?? [""]) {
      if (fits((line + word).trimEnd())) {
        line += word;
        continue;
      }
      if (line) lines.push(line.trimEnd());
      line = "";
      for (const { segment } of graphemes.segment(word)) {
        if (line && !fits((line + segment).trimEnd())) {
          lines.push(line);
          line = "";
        }
        line += segment;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
