import "server-only";
import { recordStaffAudit } from "../handlers/audit";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { startImportSchema } from "./actions.validation";
import { claimImportJob, runImportJob } from "./jobs";

/**
 * Starts a previewed import, or resumes one that failed or whose process died (its heartbeat went quiet). The
 * rows are written in the background of this process; the job page polls the counts. Rows a dead run had
 * already written are found by their idempotency keys and counted as already imported, never written twice.
 */
export const startImport = defineWorkspaceAction({
  name: "imports.start",
  permission: "contacts:record",
  schema: startImportSchema,
  async run({ db, actor, meta }, input) {
    const job = await claimImportJob(db, actor.workspace.id, input.jobId);
    await recordStaffAudit(
      db,
      { actor, meta },
      {
        action: job.processedRows > 0 ? "import.resume" : "import.start",
        targetType: "import",
        targetId: job.id,
        detail: { fileName: job.fileName, sha256: job.fileSha256, goodRows: job.goodRows, fromRow: job.processedRows },
      },
    );
    // Not awaited: a large file takes minutes. Failures are logged and leave the job "failed", resumable.
    void runImportJob(db, job, { type: "staff", userId: actor.user.id, email: actor.user.email }).catch(() => undefined);
    return { message: job.processedRows > 0 ? "Resumed the import." : "Import started." };
  },
});
