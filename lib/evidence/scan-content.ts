import { inflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import type { ScanType } from "./file-type";

/**
 * A scan is kept as evidence only if it is what its first bytes say and nothing else: a polyglot (a PNG
 * signature followed by an HTML page, a PDF that runs JavaScript when opened) would be served to every member
 * who downloads the evidence. Images must decode fully and end at their end marker (PNG IEND, JPEG EOI);
 * PDFs must carry no scripts or automatic actions. Returns the reason for the person recording the form.
 */
export function scanContentProblem(bytes: Uint8Array, type: ScanType): string | null {
  if (type === "image/png") return pngProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (type === "image/jpeg") return jpegProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return pdfProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * After the end marker, at most this many bytes, and only NUL or whitespace: some scanners and editors pad a
 * file to an even or block-aligned length, and that is all. Sixteen such bytes can carry no markup at all
 * (any HTML or script needs "<" and letters, which are refused however few).
 */
export const TRAILING_TOLERANCE = 16;
const isPadding = (b: number) => b === 0x00 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

function trailingProblem(bytes: Buffer, end: number, label: string): string | null {
  const rest = bytes.subarray(end);
  if (rest.length === 0 || (rest.length <= TRAILING_TOLERANCE && rest.every(isPadding))) return null;
  return `The ${label} has ${rest.length} bytes of other data after the image ends. Save or export the scan again as a plain ${label}.`;
}

function pngProblem(bytes: Buffer): string | null {
  try {
    PNG.sync.read(bytes);
  } catch {
    return "The PNG could not be read as an image. Save or export the scan again.";
  }
  // Walk the chunks (length, type, data, CRC) from the signature to IEND: where the image really ends.
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString("latin1", pos + 4, pos + 8);
    pos += 12 + length;
    if (type === "IEND") return trailingProblem(bytes, pos, "PNG");
  }
  return "The PNG has no end. Save or export the scan again.";
}

function jpegProblem(bytes: Buffer): string | null {
  try {
    jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 512, maxResolutionInMP: 200 });
  } catch {
    return "The JPEG could not be read as an image. Save or export the scan again.";
  }
  const end = jpegEnd(bytes);
  if (end === null) return "The JPEG has no end marker. Save or export the scan again.";
  return trailingProblem(bytes, end, "JPEG");
}

/**
 * Where a JPEG's EOI marker ends, by its segments: each marker's length is skipped (so an EXIF thumbnail's own
 * EOI inside APP1 is not taken for the end), and after a start-of-scan the entropy-coded data runs to the next
 * marker that is neither a stuffed 0xFF00 nor a restart marker.
 */
function jpegEnd(b: Buffer): number | null {
  let pos = 2;
  while (pos + 1 < b.length) {
    if (b[pos] !== 0xff) return null;
    while (b[pos + 1] === 0xff) pos += 1; // fill bytes
    const marker = b[pos + 1]!;
    if (marker === 0xd9) return pos + 2;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 3 >= b.length) return null;
    pos += 2 + b.readUInt16BE(pos + 2);
    if (marker === 0xda) {
      while (pos + 1 < b.length && !(b[pos] === 0xff && b[pos + 1] !== 0x00 && !(b[pos + 1]! >= 0xd0 && b[pos + 1]! <= 0xd7))) pos += 1;
    }
  }
  return null;
}

/** Names whose presence means the PDF does something when opened or holds something that can (the usual PDF polyglot and malware vectors). */
const activeNames = new Set(["JavaScript", "JS", "OpenAction", "AA", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA"]);
// A PDF name: "/" and regular characters up to a delimiter or white space; #hh writes any byte in hex.
const namePattern = /\/([^\s()<>[\]{}/%]+)/g;
// Compressed streams (object streams hide whole dictionaries) are inflated to be read too, within this budget.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

function pdfProblem(bytes: Buffer): string | null {
  const texts = [bytes.toString("latin1")];
  let inflated = 0;
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(texts[0]!); match; match = streams.exec(texts[0]!)) {
    const start = match.index + match[0].length;
    const end = texts[0]!.indexOf("endstream", start);
    if (end < 0) break;
    try {
      const out = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, MAX_INFLATED_BYTES - inflated) });
      inflated += out.length;
      texts.push(out.toString("latin1"));
    } catch {
      // Not a Flate stream (an image's DCT data, say), or past the budget: its raw bytes were scanned already.
    }
    streams.lastIndex = end;
  }
  for (const text of texts) {
    for (const [, raw] of text.matchAll(namePattern)) {
      const name = raw!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      if (activeNames.has(name)) {
        return `The PDF contains /${name}: scripts, automatic actions and embedded files are not accepted in evidence. Print the scan to a new PDF, or scan it as JPEG or PNG.`;
      }
    }
  }
  return null;
}
