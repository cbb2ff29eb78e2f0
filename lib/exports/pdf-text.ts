import "server-only";
import { readFile } from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

// Fonts: DejaVu covers Latin, Greek, Cyrillic and symbols such as ₹; the standard 14 PDF fonts cannot encode
// them. Static `new URL(…, import.meta.url)` literals let Next's bundler see and ship the files with the route.
let fontFiles: Promise<Uint8Array[]> | undefined;
function loadFontFiles(): Promise<Uint8Array[]> {
  fontFiles ??= Promise.all([
    readFile(new URL("./fonts/DejaVuSans.ttf", import.meta.url)),
    readFile(new URL("./fonts/DejaVuSans-Bold.ttf", import.meta.url)),
    readFile(new URL("./fonts/DejaVuSansMono.ttf", import.meta.url)),
  ]).catch((error: unknown) => {
    fontFiles = undefined; // a transient read error must not poison every later document
    throw error;
  });
  return fontFiles;
}

export type PdfFonts = { sans: PDFFont; bold: PDFFont; mono: PDFFont };

/** Registers fontkit and embeds the house fonts (subset, so a page carries only the glyphs it uses). */
export async function embedHouseFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  const [sans, bold, mono] = await loadFontFiles();
  return {
    sans: await doc.embedFont(sans!, { subset: true }),
    bold: await doc.embedFont(bold!, { subset: true }),
    mono: await doc.embedFont(mono!, { subset: true }),
  };
}

/** Greedy word wrap; a word wider than the line (a URL, a hash) is broken between characters, never clipped. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.replace(/\t/g, "    ").split(/\r\n|\r|\n/)) {
    let line = "";
    for (const word of paragraph.match(/\S+\s*/g) ?? [""]) {
      if (fits((line + word).trimEnd())) {
        line += word;
        continue;
      }
      if (line) lines.push(line.trimEnd());
      line = "";
      for (const ch of Array.from(word)) {
        if (line && !fits((line + ch).trimEnd())) {
          lines.push(line);
          line = "";
        }
        line += ch;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
