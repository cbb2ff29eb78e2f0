import "server-only";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { recordStaffAudit } from "../handlers/audit";
import { ValidationError } from "../errors";
import { fieldErrorsFrom } from "../validation/field-errors";
import { countEvents, type ExportFilter } from "./events";
import { exportFilterSchema, type ExportParams } from "./filters";
import { exportLedgerProof } from "./ledger-proof";
import { exportStreamResponse, streamedBody } from "./stream-response";

const DAY_MS = 86_400_000;

export function toExportFilter(workspaceId: string, p: ExportParams): ExportFilter {
  return {
    workspaceId,
    categoryKey: p.category,
    channel: p.channel,
    action: p.action,
    formSlug: p.form,
    from: p.from ? new Date(`${p.from}T00:00:00Z`) : undefined,
    // "to" names the last day included.
    to: p.to ? new Date(new Date(`${p.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}

/**
 * Streams the export straight from the database to the browser. The row count goes in a header for the
 * page's progress bar, and the export is in the staff audit log before its first byte.
 */
export const downloadEvents = defineWorkspaceRoute({
  name: "events.export",
  permission: "exports:create",
  async handle({ db, actor, meta, request }) {
    const parsed = exportFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
    const params = parsed.data;
    const filter = toExportFilter(actor.workspace.id, params);
    const total = await countEvents(db, filter);
    await recordStaffAudit(db, { actor, meta }, { action: "events.export", detail: { ...params, rows: total } });

    const stamp = new Date().toISOString().slice(0, 10);
    const filename = `${actor.workspace.slug}-consent-events-${stamp}.${params.format === "csv" ? "csv" : "jsonl"}`;
    return exportStreamResponse(db, filter, params.format, { filename, total, requestId: meta.requestId, context: "route events.export" });
  },
});

/**
 * The ledger's proof export (lib/exports/ledger-proof.ts) for `npx assent-verify`: for those who may verify the
 * ledger. It holds digests, not personal data, but it is the whole ledger, so it is audited like any export.
 */
export const downloadLedgerProof = defineWorkspaceRoute({
  name: "ledger.export",
  permission: "ledger:verify",
  async handle({ db, actor, meta }) {
    await recordStaffAudit(db, { actor, meta }, { action: "ledger.export", detail: {} });
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(streamedBody(exportLedgerProof(db, actor.workspace.id), { requestId: meta.requestId, context: "route ledger.export" }), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${actor.workspace.slug}-ledger-proof-${stamp}.jsonl"`,
        "cache-control": "no-store, no-transform",
      },
    });
  },
});
