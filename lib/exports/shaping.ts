import "server-only";
import * as hb from "harfbuzzjs";

/** One glyph as HarfBuzz placed it, in font units: `cluster` is the UTF-16 index of the text it came from. */
export type ShapedGlyph = { id: number; cluster: number; advance: number; xOffset: number; yOffset: number };

const CACHE_LIMIT = 4000;
const buffer = new hb.Buffer();

/**
 * A font file as HarfBuzz sees it. Shaping (conjuncts, reordered vowel signs, reph, mark positions, kerning) is
 * what pdf-lib and fontkit do not do for Devanagari, and what makes a printed sentence say what it says; the
 * PDF only places the glyphs this returns. Results are cached by text: a layout measures the same words often.
 */
export class ShapingFont {
  readonly upem: number;
  private readonly font: hb.Font;
  private readonly unicodes: Set<number>;
  private readonly cache = new Map<string, ShapedGlyph[]>();

  constructor(
    readonly name: string,
    readonly bytes: Uint8Array,
  ) {
    const face = new hb.Face(new hb.Blob(bytes));
    this.upem = face.upem;
    this.font = new hb.Font(face);
    this.unicodes = new Set(face.collectUnicodes());
  }

  /** Whether the font's character map has this code point. */
  covers(codePoint: number): boolean {
    return this.unicodes.has(codePoint);
  }

  shape(text: string): ShapedGlyph[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    // One buffer for every font: shaping is synchronous, and each shape starts from a reset buffer.
    buffer.reset();
    buffer.addText(text);
    // Script and direction come from the text itself; every run handed here is of one script.
    buffer.guessSegmentProperties();
    hb.shape(this.font, buffer);
    const glyphs = buffer.getGlyphInfosAndPositions().map((g) => ({
      id: g.codepoint,
      cluster: g.cluster,
      advance: g.xAdvance ?? 0,
      xOffset: g.xOffset ?? 0,
      yOffset: g.yOffset ?? 0,
    }));
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(text, glyphs);
    return glyphs;
  }
}
