import "server-only";
import { rgb, type PDFDocument, type PDFPage, type RGB } from "pdf-lib";
import { wrapText, type PdfFonts } from "./pdf-text";
import type { Typeface } from "./typeface";

/** The paper sizes a counter printer takes: ISO A4 and US Letter, in PDF points. */
export const paperSizes = { a4: { width: 595.28, height: 841.89 }, letter: { width: 612, height: 792 } } as const;
export type PaperSize = keyof typeof paperSizes;

export const ink = { text: rgb(0.1, 0.13, 0.18), muted: rgb(0.36, 0.41, 0.48), rule: rgb(0.8, 0.83, 0.87), faint: rgb(0.96, 0.97, 0.98), white: rgb(1, 1, 1) };

/** The workspace's brand colour for accents; a malformed one falls back to the app's teal rather than failing. */
export function brandInk(hex: string | null | undefined): RGB {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return rgb(0.06, 0.46, 0.43);
  return rgb(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255);
}

export type TextStyle = { font?: Typeface; size: number; color?: RGB; indent?: number; width?: number; align?: "left" | "center"; leading?: number; bar?: RGB };
type Margins = { top: number; right: number; bottom: number; left: number };

/**
 * Writes top to bottom within the margins and starts a new page when the next line would not fit, so no text
 * is ever drawn past the paper's edge or over the footer: long wording wraps and flows instead of overflowing.
 */
export class PrintFlow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly pageWidth: number;
  readonly pageHeight: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    size: PaperSize,
    readonly margin: Margins,
  ) {
    this.pageWidth = paperSizes[size].width;
    this.pageHeight = paperSizes[size].height;
    this.newPage();
  }

  get left() {
    return this.margin.left;
  }
  get width() {
    return this.pageWidth - this.margin.left - this.margin.right;
  }
  get bottom() {
    return this.margin.bottom;
  }

  newPage() {
    this.page = this.doc.addPage([this.pageWidth, this.pageHeight]);
    this.pages.push(this.page);
    this.y = this.pageHeight - this.margin.top;
  }
  /** Moves to a new page unless `height` still fits; keeps a block (a checkbox and its sentence) together. */
  need(height: number) {
    if (this.y - height < this.margin.bottom) this.newPage();
  }
  gap(height: number) {
    this.y -= height;
  }

  private wrapped(text: string, style: TextStyle): { lines: string[]; leading: number; width: number } {
    const width = (style.width ?? this.width) - (style.indent ?? 0);
    return { lines: wrapText(text, style.font ?? this.fonts.sans, style.size, width), leading: style.size * (style.leading ?? 1.35), width };
  }
  /** The height `text` takes in `style`, to ask `need` for a block before drawing it. */
  measure(text: string, style: TextStyle): number {
    const { lines, leading } = this.wrapped(text, style);
    return lines.length * leading;
  }
  text(text: string, style: TextStyle) {
    const { lines, leading, width } = this.wrapped(text, style);
    const font = style.font ?? this.fonts.sans;
    const x0 = this.margin.left + (style.indent ?? 0);
    for (const line of lines) {
      this.need(leading);
      const x = style.align === "center" ? x0 + (width - font.widthOfTextAtSize(line, style.size)) / 2 : x0;
      if (style.bar) this.page.drawRectangle({ x: x0 - 9, y: this.y - leading, width: 2.5, height: leading, color: style.bar });
      if (line) font.draw(this.page, line, { x, y: this.y - style.size * 1.02, size: style.size, color: style.color ?? ink.text });
      this.y -= leading;
    }
  }
  rule(color: RGB = ink.rule, thickness = 0.6) {
    this.page.drawLine({ start: { x: this.margin.left, y: this.y }, end: { x: this.pageWidth - this.margin.right, y: this.y }, thickness, color });
  }
}

/** Draws a QR symbol as vector squares: sharp at any print size, unlike an embedded bitmap. */
export function drawQr(page: PDFPage, qr: { size: number; isDark: (r: number, c: number) => boolean }, x: number, top: number, side: number) {
  const cell = side / qr.size;
  for (let r = 0; r < qr.size; r++) {
    // Runs of dark modules in a row become one rectangle: fewer operators, no hairline seams between cells.
    for (let c = 0; c < qr.size; ) {
      if (!qr.isDark(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < qr.size && qr.isDark(r, end)) end++;
      page.drawRectangle({ x: x + c * cell, y: top - (r + 1) * cell, width: (end - c) * cell, height: cell + 0.01, color: rgb(0, 0, 0) });
      c = end;
    }
  }
}
