import { AppError } from "../errors";
import type { Typeface } from "./typeface";

/**
 * Scripts the PDFs cannot print faithfully yet. Hebrew and Arabic are written right to left, and a line that
 * mixes them with Latin (a business name, "WhatsApp") needs the bidirectional algorithm, which the layout does
 * not do; the other scripts HarfBuzz would shape, but no font for them is bundled. Any of these would print as
 * wrong, unreadable words: for a consent sentence that must be exactly the text agreed to, refusing is the only
 * honest answer. Devanagari is shaped (typeface.ts) and so is not here.
 */
const unprintableScripts: { name: string; ranges: [number, number][] }[] = [
  {
    name: "Hebrew",
    ranges: [
      [0x0590, 0x05ff],
      [0xfb1d, 0xfb4f],
    ],
  },
  {
    name: "Arabic",
    ranges: [
      [0x0600, 0x06ff],
      [0x0750, 0x077f],
      [0x08a0, 0x08ff],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ],
  },
  { name: "Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam or another Indic", ranges: [[0x0980, 0x0dff]] },
  { name: "Thai, Lao or Tibetan", ranges: [[0x0e00, 0x0fff]] },
  { name: "Myanmar", ranges: [[0x1000, 0x109f]] },
  { name: "Khmer", ranges: [[0x1780, 0x17ff]] },
];

function scriptOf(codePoint: number): string | undefined {
  return unprintableScripts.find((s) => s.ranges.some(([from, to]) => codePoint >= from && codePoint <= to))?.name;
}

/** The first unprintable script any of the texts uses, to warn before someone asks for a PDF that will be refused. */
export function findUnprintableScript(texts: string[]): string | undefined {
  for (const text of texts)
    for (const ch of text) {
      const script = scriptOf(ch.codePointAt(0)!);
      if (script) return script;
    }
  return undefined;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

const isBlank = (ch: string) => ch.codePointAt(0)! <= 0x20 || /\s/.test(ch);

/** The first character no font of the typeface has (it would print as an empty box). */
function firstMissing(texts: string[], typeface: Typeface): string | undefined {
  for (const text of texts) for (const ch of text) if (!isBlank(ch) && !typeface.covers(ch.codePointAt(0)!)) return ch;
  return undefined;
}

/** Whether `text` prints exactly as written in `typeface`: no unprintable script, no character without a glyph. */
export function isPrintable(text: string, typeface: Typeface): boolean {
  return !findUnprintableScript([text]) && !firstMissing([text], typeface);
}

/**
 * Refuses (422) wording the PDF cannot draw faithfully: an unprintable script, or a character no bundled font
 * has (drawn as an empty box).
 */
export function assertPrintable(texts: string[], language: string, typeface: Typeface, offered: string[]): void {
  const name = languageNames.of(language) ?? language;
  const others = offered.filter((l) => l !== language).join(", ");
  const instead = others
    ? ` Choose another of this form's languages (${others}), or share the hosted page, which shows it correctly.`
    : " Share the hosted page instead, which shows it correctly.";
  const script = findUnprintableScript(texts);
  if (script) {
    throw new AppError(
      "script_not_printable",
      422,
      `The ${name} wording is written in the ${script} script, which Assent cannot yet lay out correctly in a PDF; a consent sentence must be printed exactly as written, so no PDF was made.${instead}`,
    );
  }
  const missing = firstMissing(texts, typeface);
  if (missing) {
    throw new AppError(
      "script_not_printable",
      422,
      `The ${name} wording contains characters (such as “${missing}”) that the PDF fonts cannot draw, so no PDF was made.${instead}`,
    );
  }
}
