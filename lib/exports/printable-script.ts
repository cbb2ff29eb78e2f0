import { AppError } from "../errors";

/**
 * Scripts whose letters change shape or order with their neighbours. pdf-lib places one glyph per character
 * left to right and does no shaping or bidirectional layout, so these would print as wrong, unreadable words:
 * for a consent sentence that must be exactly the text agreed to, refusing is the only honest answer.
 */
const complexScripts: { name: string; ranges: [number, number][] }[] = [
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
  {
    name: "Devanagari",
    ranges: [
      [0x0900, 0x097f],
      [0xa8e0, 0xa8ff],
    ],
  },
  { name: "Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam or another Indic", ranges: [[0x0980, 0x0dff]] },
  { name: "Thai, Lao or Tibetan", ranges: [[0x0e00, 0x0fff]] },
  { name: "Myanmar", ranges: [[0x1000, 0x109f]] },
  { name: "Khmer", ranges: [[0x1780, 0x17ff]] },
];

function scriptOf(codePoint: number): string | undefined {
  return complexScripts.find((s) => s.ranges.some(([from, to]) => codePoint >= from && codePoint <= to))?.name;
}

/** The first complex script any of the texts uses, to warn before someone asks for a PDF that will be refused. */
export function findComplexScript(texts: string[]): string | undefined {
  for (const text of texts)
    for (const ch of text) {
      const script = scriptOf(ch.codePointAt(0)!);
      if (script) return script;
    }
  return undefined;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/**
 * Refuses (422) wording the PDF cannot draw faithfully: a complex script, or a character the font lacks (drawn
 * as an empty box). `glyphs` is the font's character set.
 */
export function assertPrintable(texts: string[], language: string, glyphs: Set<number>, offered: string[]): void {
  const name = languageNames.of(language) ?? language;
  const others = offered.filter((l) => l !== language).join(", ");
  const instead = others
    ? ` Choose another of this form's languages (${others}), or share the hosted page, which shows it correctly.`
    : " Share the hosted page instead, which shows it correctly.";
  const script = findComplexScript(texts);
  if (script) {
    throw new AppError(
      "script_not_printable",
      422,
      `The ${name} wording is written in the ${script} script, which Assent cannot yet lay out correctly in a PDF; a consent sentence must be printed exactly as written, so no PDF was made.${instead}`,
    );
  }
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x20 && !glyphs.has(cp) && !/\s/.test(ch)) {
        throw new AppError(
          "script_not_printable",
          422,
          `The ${name} wording contains characters (such as “${ch}”) that the PDF font cannot draw, so no PDF was made.${instead}`,
        );
      }
    }
  }
}
