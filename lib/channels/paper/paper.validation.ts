import { z } from "zod";
import { MAX_SCAN_BYTES } from "../../evidence/file-type";

/** The text fields of "Record a signed paper form"; the scan is checked by its bytes (lib/evidence/file-type.ts). */
export const recordPaperSchema = z.object({
  submissionId: z.string().uuid("Reload the page and try again."),
  phone: z.string().trim().min(1, "Enter the phone number written on the form.").max(64, "Use at most 64 characters."),
  categories: z.array(z.string().max(64)).min(1, "Tick at least one kind of message the person chose.").max(50),
  formVersionId: z.string().trim().min(1, "Enter the form version id printed at the foot of the form."),
  signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date the form was signed."),
  note: z.string().trim().max(2000, "Use at most 2,000 characters.").optional(),
});
export type RecordPaperInput = z.output<typeof recordPaperSchema>;

export const scanLimitLabel = `${MAX_SCAN_BYTES / 1024 / 1024} MB`;
