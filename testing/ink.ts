import { PNG } from "pngjs";

/** A rendering as ink coverage per pixel: 0 for white paper, 1 for black. */
export type Ink = { width: number; height: number; ink: Float32Array };
type Box = { x: number; y: number; width: number; height: number };

export function inkOf(png: Buffer): Ink {
  const { width, height, data } = PNG.sync.read(png);
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = 1 - (0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!) / 255;
  return { width, height, ink };
}

/** The smallest box holding every pixel with more than `threshold` ink; the text itself, wherever each renderer put it. */
export function inkBox(image: Ink, threshold = 0.3): Box {
  let x0 = image.width;
  let y0 = image.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++)
      if (image.ink[y * image.width + x]! > threshold) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) throw new Error("the rendering has no ink");
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Mean ink of `cell`×`cell` squares laid from the box's top-left corner over `cols`×`rows` cells. */
function cells(image: Ink, box: Box, cell: number, cols: number, rows: number): Float32Array {
  const out = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let y = r * cell; y < (r + 1) * cell; y++)
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const X = box.x + x;
          const Y = box.y + y;
          if (x < box.width && y < box.height && X < image.width && Y < image.height) sum += image.ink[Y * image.width + X]!;
        }
      out[r * cols + c] = sum / (cell * cell);
    }
  return out;
}

/**
 * How far two renderings of the same text differ, each taken from its own ink box (so where a renderer puts the
 * line does not count, what it draws does): the boxes' sizes, and the ink that differs once both are averaged
 * over `cell`-pixel squares, as a share of the ink either has. Averaging absorbs what two rasterisers do
 * differently at a glyph's edge (anti-aliasing, sub-pixel placement); a missing conjunct, a vowel sign on the
 * wrong side or a stray virama moves whole strokes and is not absorbed.
 */
export function inkDifference(a: Ink, b: Ink, cell = 4): { widths: [number, number]; heights: [number, number]; difference: number } {
  const boxA = inkBox(a);
  const boxB = inkBox(b);
  const cols = Math.ceil(Math.max(boxA.width, boxB.width) / cell);
  const rows = Math.ceil(Math.max(boxA.height, boxB.height) / cell);
  const cellsA = cells(a, boxA, cell, cols, rows);
  const cellsB = cells(b, boxB, cell, cols, rows);
  let differing = 0;
  let either = 0;
  for (let i = 0; i < cellsA.length; i++) {
    differing += Math.abs(cellsA[i]! - cellsB[i]!);
    either += Math.max(cellsA[i]!, cellsB[i]!);
  }
  return { widths: [boxA.width, boxB.width], heights: [boxA.height, boxB.height], difference: differing / either };
}
