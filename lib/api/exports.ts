import "server-only";
import { auditLog } from "../db/schema/access";
import { countEvents } from "../exports/events";
import { toExportFilter } from "../exports/routes";
import { exportStreamResponse } from "../exports/stream-response";
import { readQuery } from "./request-body";
import { defineApiRoute } from "./route";
import { exportQuerySchema } from "./schemas";

/**
 * The dashboard's export, for a key with the `exports` scope: same filters, same bytes, streamed. Like a
 * staff export it is written to the audit log (naming the key) before its first byte.
 */
export const exportLedgerEvents = defineApiRoute({
  name: "exports.events",
  scope: "exports",
  async handle({ db, principal, meta, request }) {
    const params = readQuery(request, exportQuerySchema);
    const filter = toExportFilter(principal.workspace.id, params);
    const total = await countEvents(db, filter);
    await db.insert(auditLog).values({
      workspaceId: principal.workspace.id,
      actorLabel: `API key ${principal.keyName} (${principal.keyId})`,
      action: "events.export",
      detail: { ...params, rows: total, via: "api" },
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
      requestId: meta.requestId,
    });
    const stamp = new Date().toISOString().slice(0, 10);
    const filename = `${principal.workspace.slug}-consent-events-${stamp}.${params.format}`;
    return exportStreamResponse(db, filter, params.format, { filename, total, requestId: meta.requestId, context: "api exports.events" });
  },
});
