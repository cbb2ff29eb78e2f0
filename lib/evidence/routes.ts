import "server-only";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { can } from "../auth/permissions";
import { AppError, NotFoundError } from "../errors";
import { scanTypes, type ScanType } from "./file-type";
import { findEvidenceFile, importFileType } from "./files";

/**
 * GET /{workspace}/evidence/files/{sha256}: a stored scan, for members who may read evidence, of this workspace
 * only. Always a download (never rendered in the app's origin) with the type it was recognised as. An import's
 * raw CSV (every row of it, personal data of people who may never have become contacts) follows the import
 * pages' permission instead: to anyone else it is as unknown as a made-up digest. A file erased with a person it
 * named answers 410 Gone: the digest is still on record (the events commit to it), the content is not.
 */
export const downloadEvidenceFile = defineWorkspaceRoute({
  name: "evidence.download",
  permission: "evidence:read",
  async handle({ db, actor, params }) {
    const file = await findEvidenceFile(db, actor.workspace.id, params.sha256 ?? "");
    if (!file) throw new NotFoundError("The file");
    if (file.contentType === importFileType && !can(actor.role, "contacts:record")) throw new NotFoundError("The file");
    if (!file.bytes) {
      throw new AppError("file_erased", 410, "This file was erased with the personal data of a person it named. Its SHA-256 is kept as proof that it existed.");
    }
    const extension = scanTypes[file.contentType as ScanType]?.extension ?? (file.contentType === importFileType ? "csv" : "bin");
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.sizeBytes),
        "content-disposition": `attachment; filename="${actor.workspace.slug}-${file.sha256.slice(0, 16)}.${extension}"`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        // The bytes never change for a digest; an ETag lets a checker confirm the digest without a download.
        etag: `"${file.sha256}"`,
      },
    });
  },
});
