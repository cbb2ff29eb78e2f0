import "server-only";
import { defineWorkspaceRoute } from "../../handlers/workspace-route";
import { recordStaffAudit } from "../../handlers/audit";
import { categoryProblems, findRecordingContext, versionProblem } from "../recording-context";
import { AppError, ValidationError, type FieldError } from "../../errors";
import { MAX_SCAN_BYTES, sniffScanType } from "../../evidence/file-type";
import { scanContentProblem } from "../../evidence/scan-content";
import { discardUnreferencedFile, storeEvidenceFile } from "../../evidence/files";
import { append } from "../../ledger/append";
import { fieldErrorsFrom } from "../../validation/field-errors";
import { PhoneError, normalizePhone } from "../../phone/normalize";
import { readLimitedBody } from "../../server/limited-body";
import { assertSameOrigin } from "../../server/same-origin";
import type { RouteContext } from "../../handlers/workspace-route";
import { recordPaperSchema, scanLimitLabel } from "./paper.validation";

// The scan plus a few short fields; anything far past that is not this form.
const MAX_BODY_BYTES = MAX_SCAN_BYTES + 64 * 1024;
// Staff a day ahead of UTC (New Zealand) may write today's date while it is still yesterday in UTC.
const LATEST_TIMEZONE_MS = 14 * 3600_000;

/** The date signed, checked: a real day, not before 2000, not after today anywhere on Earth. */
export function signedOnProblem(signedOn: string, now: Date): string | null {
  const day = new Date(`${signedOn}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== signedOn) return "Enter a real date.";
  if (signedOn < "2000-01-01") return "Enter the date the form was signed (after 2000).";
  const latest = new Date(now.getTime() + LATEST_TIMEZONE_MS).toISOString().slice(0, 10);
  if (signedOn > latest) return "The date signed cannot be in the future.";
  return null;
}

/**
 * "Record a signed paper form": POST multipart/form-data with the fields of recordPaperSchema and the scan.
 * Everything is checked before anything is written (the scan's type by its bytes, its size, the phone, the
 * form version of this workspace and the categories it offers, the date); then the scan is stored under its
 * SHA-256 and one ledger command (channel paper) records the opt-in with that digest in its evidence, so the
 * event's hash covers the file. The event occurred on the day signed and is recorded now.
 */
export const recordPaperForm = defineWorkspaceRoute({
  name: "paper.record",
  permission: "contacts:record",
  async handle({ db, actor, meta, request }: RouteContext) {
    if (request.method !== "POST") return Response.json({ title: "Use POST." }, { status: 405, headers: { allow: "POST" } });
    assertSameOrigin(request);
    const body = await readLimitedBody(request, MAX_BODY_BYTES, {
      field: "scan",
      message: `The scan is larger than ${scanLimitLabel}. Scan at a lower resolution or as a PDF.`,
    });
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new AppError("malformed_body", 400, "Send the form as multipart/form-data.");
    }
    const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
    const parsed = recordPaperSchema.safeParse({
      submissionId: text("submissionId"),
      phone: text("phone") ?? "",
      categories: form.getAll("categories").filter((v) => typeof v === "string"),
      formVersionId: text("formVersionId") ?? "",
      signedOn: text("signedOn") ?? "",
      note: text("note") || undefined,
    });
    const fields: FieldError[] = parsed.success ? [] : fieldErrorsFrom(parsed.error);
    const problem = (field: string, code: string, message: string) => {
      if (!fields.some((f) => f.field === field || f.field.startsWith(`${field}.`))) fields.push({ field, code, message });
    };

    const scan = form.get("scan");
    const bytes = scan instanceof Blob ? new Uint8Array(await scan.arrayBuffer()) : null;
    const scanType = bytes ? sniffScanType(bytes) : null;
    if (!bytes || bytes.byteLength === 0) problem("scan", "required", "Attach the scan of the signed form.");
    else if (bytes.byteLength > MAX_SCAN_BYTES) problem("scan", "too_large", `The scan is larger than ${scanLimitLabel}.`);
    else if (!scanType) problem("scan", "unsupported_type", "The scan must be a PDF, JPEG or PNG file (checked by its content, not its name).");
    else {
      const content = scanContentProblem(bytes, scanType);
      if (content) problem("scan", "unsafe_content", content);
    }

    const context = await findRecordingContext(db, actor.workspace.id);
    const now = new Date();
    let phone: string | null = null;
    const input = parsed.success ? parsed.data : null;
    if (input) {
      try {
        phone = normalizePhone(input.phone, context.defaultCountry);
      } catch (error) {
        if (!(error instanceof PhoneError)) throw error;
        problem("phone", error.fields[0]!.code, error.message);
      }
      const version = versionProblem(context, input.formVersionId);
      if (version) problem("formVersionId", "unknown_form_version", `This ${version}.`);
      const categories = categoryProblems(context, input.categories, version ? null : input.formVersionId);
      if (categories.length > 0) problem("categories", "not_on_form", `${categories.join("; ")}.`);
      const date = signedOnProblem(input.signedOn, now);
      if (date) problem("signedOn", "invalid_date", date);
    }
    if (fields.length > 0 || !input || !phone || !bytes || !scanType) throw new ValidationError(fields, "Check the highlighted fields. Nothing was recorded.");

    const stored = await storeEvidenceFile(db, { workspaceId: actor.workspace.id, bytes, contentType: scanType, createdBy: actor.user.id });
    const signedAt = new Date(`${input.signedOn}T00:00:00Z`);
    try {
      const receipt = await append(db, {
        workspaceId: actor.workspace.id,
        phone,
        categories: input.categories,
        action: "opt_in",
        channel: "paper",
        formVersionId: input.formVersionId.toLowerCase(),
        // The day it was signed; a date east of UTC may not have begun here yet.
        occurredAt: signedAt > now ? now : signedAt,
        evidence: { documentDigest: stored.sha256, signedOn: input.signedOn },
        actor: { type: "staff", userId: actor.user.id, email: actor.user.email },
        note: input.note,
        // The page's one-time id: a double click or a resubmitted page records the form once.
        idempotencyKey: `paper:${input.submissionId}`,
      });
      await recordStaffAudit(
        db,
        { actor, meta },
        {
          action: "contact.paper_form",
          targetType: "contact",
          targetId: receipt.contactId,
          detail: { documentDigest: stored.sha256, formVersionId: input.formVersionId.toLowerCase(), categories: input.categories, replayed: receipt.replayed },
        },
      );
      return Response.json(
        {
          ok: true,
          message: `Recorded the signed paper form: ${receipt.events.length} ${receipt.events.length === 1 ? "category" : "categories"} for ${receipt.phone}.`,
          contactId: receipt.contactId,
          sha256: stored.sha256,
        },
        { headers: { "cache-control": "no-store" } },
      );
    } catch (error) {
      if (stored.created) await discardUnreferencedFile(db, actor.workspace.id, stored.sha256);
      throw error;
    }
  },
});
