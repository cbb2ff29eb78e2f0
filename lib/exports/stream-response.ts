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
  const chunks = exportEvents(db, filter, format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (error) {
        console.error(`[${options.context}] request ${options.requestId}`, error);
        controller.error(new Error("export interrupted"));
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
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
