import "server-only";
import { recordStaffAudit } from "../handlers/audit";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { listActiveCategories } from "../categories/queries";
import { NotFoundError } from "../errors";
import { csvField } from "../exports/csv";
import { limitedBodyChunks } from "../server/limited-body";
import { assertSameOrigin } from "../server/same-origin";
import { importTemplateCsv } from "./columns";
import { findImportJob, listRowErrors, previewImport } from "./jobs";
import { importLimitLabels, importLimits } from "./limits";

/**
 * POST /{workspace}/contacts/import/upload?name=<file name>, the CSV as the raw body (not a server action:
 * those stop at 1 MB). Previewed as it streams in (every row checked, nothing written to the ledger) under the
 * limits of lib/imports/limits.ts: a file past one is refused with the reason as soon as that is known, and
 * the rest of the body is not read. Answers the job's id for the preview page.
 */
export const uploadImport = defineWorkspaceRoute({
  name: "imports.upload",
  permission: "contacts:record",
  async handle({ db, actor, meta, request }) {
    if (request.method !== "POST") return Response.json({ title: "Use POST." }, { status: 405, headers: { allow: "POST" } });
    assertSameOrigin(request);
    const fileName = new URL(request.url).searchParams.get("name")?.trim() || "import.csv";
    const bytes = limitedBodyChunks(request, importLimits.fileBytes, {
      field: "file",
      message: `The file is larger than ${importLimitLabels.fileBytes}, the most one import may be. Split it into smaller files.`,
    });
    const job = await previewImport(db, { workspaceId: actor.workspace.id, fileName, bytes, createdBy: actor.user.id });
    await recordStaffAudit(
      db,
      { actor, meta },
      {
        action: "import.preview",
        targetType: "import",
        targetId: job.id,
        // Not the file's name: it may name a person, and the audit log is append-only; the job keeps it, erasably.
        detail: { sha256: job.fileSha256, rows: job.totalRows, bad: job.badRows },
      },
    );
    return Response.json({ ok: true, jobId: job.id, url: `/${actor.workspace.slug}/contacts/import/${job.id}` }, { headers: { "cache-control": "no-store" } });
  },
});

/** GET /{workspace}/contacts/import/template: the header and an example row, with this workspace's category keys. */
export const downloadImportTemplate = defineWorkspaceRoute({
  name: "imports.template",
  permission: "contacts:record",
  async handle({ db, actor }) {
    const keys = (await listActiveCategories(db, actor.workspace.id)).slice(0, 2).map((c) => c.key);
    return new Response(importTemplateCsv(keys), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="assent-import-template.csv"',
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  },
});

/** GET /{workspace}/contacts/import/{job}/errors: every bad row's problems as CSV, for fixing the file. */
export const downloadImportErrors = defineWorkspaceRoute({
  name: "imports.errors",
  permission: "contacts:record",
  async handle({ db, actor, params }) {
    const job = await findImportJob(db, actor.workspace.id, params.job ?? "");
    if (!job) throw new NotFoundError("The import");
    const errors = await listRowErrors(db, job.id, 10_000_000);
    const body = ["row,column,reason", ...errors.map((e) => [String(e.row), e.column, e.reason].map(csvField).join(","))].join("\r\n");
    return new Response(`${body}\r\n`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="import-problems-${job.id.slice(0, 8)}.csv"`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  },
});
