import "server-only";
import { AppError } from "../errors";

export class BodyTooLargeError extends AppError {
  constructor(field: string, message: string) {
    super("too_large", 413, message, [{ field, code: "too_large", message }]);
    this.name = "BodyTooLargeError";
  }
}

/**
 * A request body's chunks as they stream in, stopping at `maxBytes` (a declared Content-Length over the limit
 * is refused before reading at all), so a large upload is refused without being held in memory whole. A
 * consumer that stops early (it found a problem in the first rows) cancels the rest of the body.
 */
export async function* limitedBodyChunks(request: Request, maxBytes: number, tooLarge: { field: string; message: string }): AsyncGenerator<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(tooLarge.field, tooLarge.message);
  if (!request.body) return;
  let total = 0;
  let finished = false;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      total += value.byteLength;
      if (total > maxBytes) throw new BodyTooLargeError(tooLarge.field, tooLarge.message);
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/**
 * The body's length when the request declares it (Content-Length and no Transfer-Encoding), else null. Node's
 * HTTP parser delivers exactly that many bytes, never more, so a declared length under a limit bounds the read as
 * well as counting the chunks would. It matters for speed: read whole (arrayBuffer, text), the lean lane's requests
 * are read straight from the socket; read as a stream, each first becomes a web ReadableStream (webstreams and an
 * undici Request), a tenth of a webhook's CPU in the profile (docs/performance.md).
 */
export function declaredLength(request: Request): number | null {
  if (request.headers.has("transfer-encoding")) return null;
  const value = request.headers.get("content-length");
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** The whole body, read under `maxBytes` as it streams in (see limitedBodyChunks), or at once when its length is declared. */
export async function readLimitedBody(request: Request, maxBytes: number, tooLarge: { field: string; message: string }): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== null) {
    if (declared > maxBytes) throw new BodyTooLargeError(tooLarge.field, tooLarge.message);
    return Buffer.from(await request.arrayBuffer());
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of limitedBodyChunks(request, maxBytes, tooLarge)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
