import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";

/**
 * Writes an export's chunks to the file `out` (or to stdout), waiting for the target to drain so memory stays flat
 * whatever the size; resolves when a file is completely written. Returns the bytes written.
 */
export async function writeOut(chunks: AsyncIterable<string | Uint8Array>, out: string | undefined, stdout: Writable): Promise<number> {
  const target = out ? createWriteStream(out) : stdout;
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (!target.write(chunk)) await once(target, "drain");
  }
  if (target !== stdout) {
    target.end();
    await once(target, "finish");
  }
  return bytes;
}
