import "server-only";
import { ValidationError } from "../errors";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { recordStaffAudit } from "../handlers/audit";
import { auditLog } from "../db/schema/access";
import { streamedBody } from "../exports/stream-response";
import { fieldErrorsFrom } from "../validation/field-errors";
import { auditExportSchema, exportAuditLog, toAuditRange } from "./export";

/**
 * The audit log as CSV, for those who may read it, streamed from the database batch by batch. The export is itself
 * an audit entry, written before the first byte; the file holds the entries before it.
 */
export const downloadAuditLog = defineWorkspaceRoute({
  name: "audit.export",
  permission: "audit:read",
  async handle({ db, actor, meta, request }) {
    const query = new URL(request.url).searchParams;
    const parsed = auditExportSchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) {
      // The page's own form (a browser navigation) goes back to the page, which names the problem beside the dates;
      // any other client gets the field list.
      if (!request.headers.get("accept")?.includes("text/html")) throw new ValidationError(fieldErrorsFrom(parsed.error));
      const back = new URLSearchParams({ from: query.get("from") ?? "", to: query.get("to") ?? "" });
      return new Response(null, { status: 303, headers: { location: `/${actor.workspace.slug}/audit?${back}`, "cache-control": "no-store" } });
    }
    const params = parsed.data;
    const [own] = await recordStaffAudit(
      db,
      { actor, meta },
      { action: "audit.export", detail: { from: params.from ?? null, to: params.to ?? null } },
    ).returning({
      id: auditLog.id,
    });
    const stamp = new Date().toISOString().slice(0, 10);
    const body = exportAuditLog(db, actor.workspace.id, toAuditRange(params), own!.id);
    return new Response(streamedBody(body, { requestId: meta.requestId, context: "route audit.export" }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${actor.workspace.slug}-audit-log-${stamp}.csv"`,
        "cache-control": "no-store, no-transform",
      },
    });
  },
});
