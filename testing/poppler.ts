import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** Runs a Poppler tool, saying plainly what to install when it is missing (a fresh machine may not have it). */
async function run(tool: string, args: string[], options: { maxBuffer?: number } = {}) {
  try {
    return await exec(tool, args, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} is not installed: the PDF tests read the printed PDFs with Poppler (apt-get install poppler-utils, or brew install poppler)`);
    }
    throw error;
  }
}

/**
 * Poppler's command-line tools (Debian's poppler-utils), the reader most PDF users' tools are built on: what
 * they extract and draw is what a person gets from the file, independently of the library that wrote it.
 */
async function withPdf<T>(pdf: Uint8Array, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "assent-pdf-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text `pdftotext` extracts (reading /ActualText where a span has it), pages separated by form feeds. */
export function pdfToText(pdf: Uint8Array): Promise<string> {
  return withPdf(pdf, async (file) => (await run("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 16 << 20 })).stdout);
}

/** One page drawn by `pdftoppm` as a PNG, at `dpi` dots per inch, grey anti-aliasing as a screen would. */
export function pdfPageToPng(pdf: Uint8Array, page: number, dpi: number): Promise<Buffer> {
  return withPdf(pdf, async (file, dir) => {
    const out = path.join(dir, "page");
    await run("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", file, out]);
    return readFile(`${out}.png`);
  });
}
