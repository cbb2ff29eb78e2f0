import "server-only";
import {
  beginText,
  endText,
  PDFArray,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  setTextRise,
  type PDFPage,
  type RGB,
} from "pdf-lib";
import type { DocumentFont } from "./glyph-font";
import type { ShapedGlyph } from "./shaping";

/** A stretch of text in one font, shaped as a whole. */
type Run = { font: DocumentFont; text: string; glyphs: ShapedGlyph[] };

/** Characters that belong to no script of their own (spaces, punctuation, digits; marks and joiners inherit). */
const common = /^\p{Script=Common}$/u;
const inherited = /^\p{Script=Inherited}$/u;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A typeface for one role (body, bold, mono) as a chain of fonts: `base` for Latin, Greek and Cyrillic, and
 * one font per further script (Noto Sans Devanagari). Text is split into runs at script changes, each run is
 * shaped by HarfBuzz in its font, and measuring and drawing both use the shaped advances, so a line that
 * measures as fitting is the line that is drawn.
 */
export class Typeface {
  constructor(
    private readonly base: DocumentFont,
    private readonly scripts: { pattern: RegExp; font: DocumentFont }[],
  ) {}

  /** The font that draws `ch` after a run in `current`, or undefined when no font of the chain has it. */
  private fontFor(ch: string, current: DocumentFont | undefined): DocumentFont | undefined {
    const cp = ch.codePointAt(0)!;
    const own = this.scripts.find((s) => s.pattern.test(ch))?.font;
    if (own) return own;
    // A mark or joiner shapes with what it follows; a space or a full stop stays in the run it is in when it can.
    if (current && (inherited.test(ch) || (common.test(ch) && current.file.shaping.covers(cp)))) return current;
    return [this.base, ...this.scripts.map((s) => s.font)].find((f) => f.file.shaping.covers(cp));
  }

  private runs(text: string): Run[] {
    const runs: Run[] = [];
    let current: { font: DocumentFont; start: number } | undefined;
    let index = 0;
    for (const ch of text) {
      // A character no font has is drawn as the base font's empty box (the callers refuse or warn first).
      const font = this.fontFor(ch, current?.font) ?? current?.font ?? this.base;
      if (font !== current?.font) {
        if (current) runs.push(this.run(current.font, text.slice(current.start, index)));
        current = { font, start: index };
      }
      index += ch.length;
    }
    if (current) runs.push(this.run(current.font, text.slice(current.start)));
    return runs;
  }

  private run(font: DocumentFont, text: string): Run {
    return { font, text, glyphs: font.file.shaping.shape(text) };
  }

  /** Whether some font of the chain has the character. */
  covers(codePoint: number): boolean {
    return !!this.fontFor(String.fromCodePoint(codePoint), undefined);
  }

  widthOfTextAtSize(text: string, size: number): number {
    let width = 0;
    for (const run of this.runs(text)) {
      const units = run.glyphs.reduce((sum, g) => sum + g.advance, 0);
      width += (units / run.font.file.shaping.upem) * size;
    }
    return width;
  }

  /**
   * Draws one line with its baseline starting at (x, y). Each glyph sits where HarfBuzz put it: the show-text
   * array corrects the viewer's advance (the glyph's /W width) to HarfBuzz's, and mark offsets become x shifts
   * and text rise. The line is one marked-content span whose /ActualText is the line itself, so copying or
   * extracting it gives the sentence as written, not the glyphs' visual order.
   */
  draw(page: PDFPage, text: string, opts: { x: number; y: number; size: number; color: RGB }) {
    const { size } = opts;
    const context = page.doc.context;
    const ops: PDFOperator[] = [
      pushGraphicsState(),
      // An inline property list (ASCII: the text is a UTF-16BE hex string), which pdf-lib's operands cannot express.
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of("Span"), `<< /ActualText ${PDFHexString.fromText(text).toString()} >>`]),
      beginText(),
      setFillingColor(opts.color),
      setTextMatrix(1, 0, 0, 1, round(opts.x), round(opts.y)),
    ];
    let rise = 0;
    for (const run of this.runs(text)) {
      const { upem } = run.font.file.shaping;
      const toThousandths = 1000 / upem;
      ops.push(setFontAndSize(run.font.key(page), size));
      const clusterText = clusterTexts(run);
      let array = PDFArray.withContext(context);
      let shift = 0; // where the pen stands relative to the glyph origin, in thousandths of an em
      const flush = () => {
        if (array.size() > 0) ops.push(PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]));
        array = PDFArray.withContext(context);
      };
      for (const [i, g] of run.glyphs.entries()) {
        const glyphRise = round((g.yOffset / upem) * size);
        if (glyphRise !== rise) {
          flush();
          ops.push(setTextRise(glyphRise));
          rise = glyphRise;
        }
        const { hex, pdfWidth } = run.font.place(g.id, clusterText.get(i));
        // A positive number in a show-text array moves the next glyph left by that many thousandths of an em.
        const xOffset = g.xOffset * toThousandths;
        const before = round(shift - xOffset);
        if (before !== 0) array.push(PDFNumber.of(before));
        array.push(PDFHexString.of(hex));
        // After the glyph the viewer has moved by pdfWidth from its drawn origin; HarfBuzz's pen is advance on.
        shift = pdfWidth + xOffset - g.advance * toThousandths;
      }
      const after = round(shift);
      if (after !== 0) array.push(PDFNumber.of(after));
      flush();
    }
    if (rise !== 0) ops.push(setTextRise(0));
    ops.push(endText(), PDFOperator.of(PDFOperatorNames.EndMarkedContent), popGraphicsState());
    page.pushOperators(...ops);
  }
}

/**
 * The text each glyph stands for, where one glyph alone makes a cluster (a letter, or a conjunct drawn as one
 * ligature): the font's ToUnicode map then gives it back to viewers that ignore /ActualText. Glyphs that share
 * a cluster (a vowel sign drawn before its consonant) have no text of their own.
 */
function clusterTexts(run: Run): Map<number, string> {
  const texts = new Map<number, string>();
  const starts = [...new Set(run.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  run.glyphs.forEach((g, i) => {
    const alone = run.glyphs.filter((other) => other.cluster === g.cluster).length === 1;
    if (!alone) return;
    const end = starts.find((s) => s > g.cluster) ?? run.text.length;
    texts.set(i, run.text.slice(g.cluster, end));
  });
  return texts;
}
