import "server-only";
import { AppError } from "../errors";

export class BodyTooLargeError extends AppError {
  constructor(field: string, message: string) {
    super("too_large", 413, message, [{ field, code: "too_large", message }]);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads a request body as it streams in and stops at `maxBytes`, so a large upload is refused without being
 * held in memory whole (a declared Content-Length over the limit is refused before reading at all).
 */
export async function readLimitedBody(request: Request, maxBytes: number, tooLarge: { field: string; message: string }): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(tooLarge.field, tooLarge.message);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError(tooLarge.field, tooLarge.message);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
