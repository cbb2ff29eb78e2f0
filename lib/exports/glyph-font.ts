import "server-only";
import { Cache, CustomFontEmbedder, PDFFont, type PDFName, type PDFContext, type PDFDocument, type PDFPage, type PDFRef } from "pdf-lib";
import type { ShapingFont } from "./shaping";

type FontkitFont = CustomFontEmbedder["font"];
type FontkitGlyph = ReturnType<FontkitFont["getGlyph"]>;
type FontkitSubset = ReturnType<FontkitFont["createSubset"]>;

/** A font file loaded once per process: HarfBuzz shapes with it, fontkit subsets it into each PDF. */
export type FontFile = { shaping: ShapingFont; fontkit: FontkitFont };

/**
 * pdf-lib's own embedders take text and look glyphs up through the character map, so they can only place
 * glyphs that stand for one character: a conjunct, a half form or a reordered vowel sign has no character of
 * its own. This one takes the glyph ids HarfBuzz chose. Like pdf-lib's subset embedder it writes a Type0 font
 * (Identity-H, so a glyph is written as its 2-byte subset id) whose widths (/W) and font program hold exactly
 * the glyphs placed, and a ToUnicode map for the glyphs that stand for a known text; whole sentences stay
 * copyable through /ActualText spans, which typeface.ts writes around every line.
 */
class GlyphSubsetEmbedder extends CustomFontEmbedder {
  private readonly subset: FontkitSubset;
  private readonly glyphs: FontkitGlyph[] = [];
  private readonly subsetIds = new Map<number, number>();
  private readonly unicode = new Map<number, string>();

  constructor(font: FontkitFont, bytes: Uint8Array) {
    super(font, bytes);
    this.subset = font.createSubset();
    // pdf-lib's widths (/W) and descriptor read the glyphs from this cache: the ones placed, by subset id.
    this.glyphCache = Cache.populatedBy(() => this.glyphs);
  }

  /**
   * The glyph's id in the subset, adding it on first use. `text` is what it stands for when it alone makes its
   * cluster; otherwise its own character, if the character map gives it one (a vowel sign drawn apart).
   */
  include(glyphId: number, text: string | undefined): number {
    let subsetId = this.subsetIds.get(glyphId);
    if (subsetId === undefined) {
      subsetId = this.subset.includeGlyph(glyphId);
      this.subsetIds.set(glyphId, subsetId);
      if (subsetId > 0) {
        this.glyphs[subsetId - 1] = this.font.getGlyph(glyphId);
        this.glyphCache.invalidate();
      }
    }
    if (subsetId > 0 && !this.unicode.has(subsetId)) {
      const own = String.fromCodePoint(...this.glyphs[subsetId - 1]!.codePoints);
      if (text || own) this.unicode.set(subsetId, text || own);
    }
    return subsetId;
  }

  /** The advance a viewer applies after the glyph (its /W entry), in thousandths of the font size. */
  pdfWidth(glyphId: number): number {
    const subsetId = this.subsetIds.get(glyphId);
    // .notdef (subset id 0) has no /W entry: viewers use the default width, 1000.
    return subsetId ? this.font.getGlyph(glyphId).advanceWidth * this.scale : 1000;
  }

  protected override glyphId(glyph?: FontkitGlyph): number {
    return glyph ? (this.subsetIds.get(glyph.id) ?? -1) : -1;
  }

  protected override serializeFont(): Promise<Uint8Array> {
    return new Promise((resolve) => {
      const parts: Uint8Array[] = [];
      this.subset
        .encodeStream()
        .on("data", (bytes) => parts.push(bytes))
        .on("end", () => resolve(Buffer.concat(parts)));
    });
  }

  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    return context.register(context.flateStream(toUnicodeCmap([...this.unicode].sort(([a], [b]) => a - b))));
  }
}

const hex4 = (n: number) => n.toString(16).padStart(4, "0");
const utf16Hex = (text: string) => Array.from({ length: text.length }, (_, i) => hex4(text.charCodeAt(i))).join("");

/** A ToUnicode CMap: subset glyph id to the UTF-16 text it stands for, in blocks of 100 as the format asks. */
function toUnicodeCmap(entries: [number, string][]): string {
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.map(([id, text]) => `<${hex4(id)}> <${utf16Hex(text)}>`).join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

/**
 * One font file in one document, embedded only once a glyph of it is placed (a Latin-only page carries no
 * Devanagari font). Call `embed` before saving: the document does not know about fonts it did not make itself.
 */
export class DocumentFont {
  private pdf?: { font: PDFFont; embedder: GlyphSubsetEmbedder };
  private readonly pageKeys = new WeakMap<PDFPage, PDFName>();

  constructor(
    private readonly doc: PDFDocument,
    readonly file: FontFile,
  ) {}

  private get embedded() {
    if (!this.pdf) {
      const embedder = new GlyphSubsetEmbedder(this.file.fontkit, this.file.shaping.bytes);
      this.pdf = { embedder, font: PDFFont.of(this.doc.context.nextRef(), this.doc, embedder) };
    }
    return this.pdf;
  }

  /** The glyph's 4 hex digits for a show-text string, and the width the viewer will advance after it. */
  place(glyphId: number, text: string | undefined): { hex: string; pdfWidth: number } {
    const { embedder } = this.embedded;
    const hex = hex4(embedder.include(glyphId, text));
    return { hex, pdfWidth: embedder.pdfWidth(glyphId) };
  }

  /** The font's name in the page's resources, added once per page. */
  key(page: PDFPage): PDFName {
    let key = this.pageKeys.get(page);
    if (!key) {
      const { font } = this.embedded;
      key = page.node.newFontDictionary(font.name, font.ref);
      this.pageKeys.set(page, key);
    }
    return key;
  }

  async embed(): Promise<void> {
    await this.pdf?.font.embed();
  }
}
