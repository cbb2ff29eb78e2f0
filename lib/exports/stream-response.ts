import "server-only";
import type { Db } from "../db/client";
import { exportEvents, type ExportFilter, type ExportFormat } from "./events";

/**
 * An export as a streamed Response, shared by the dashboard download and the public API. A pull-based stream
 * reads the next batch only when the client has taken the last one, so memory stays flat for any size.
 */
export function exportStreamResponse(
  db: Db,
  filter: ExportFilter,
  format: ExportFormat,
  options: { filename: string; total: number; requestId: string; context: string },
): Response {
  return new Response(streamedBody(exportEvents(db, filter, format), options), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${options.filename}"`,
      // no-transform: the server must not gzip a large export on the fly; that alone would cost more CPU than
      // the export (a proxy in front may still compress it).
      "cache-control": "no-store, no-transform",
      "x-total-rows": String(options.total),
    },
  });
}

/**
 * Chunks as a pull-based body: the next is read only when the client has taken the last one. A failure half-way is
 * logged with the request id and ends the stream with a generic error, so nothing internal reaches the client.
 */
export function streamedBody(chunks: AsyncGenerator<string | Uint8Array>, log: { requestId: string; context: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // A client that goes away cancels the stream while a batch is being read: what that read then does is no error.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (error) {
        if (cancelled) return;
        console.error(`[${log.context}] request ${log.requestId}`, error);
        controller.error(new Error("export interrupted"));
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}
