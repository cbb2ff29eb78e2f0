import { z } from "zod";
import { canonicalJson, sha256Hex, type Canonical } from "../ledger/canonical";

/** Wording of a form in one language: exactly what the person is shown, read out or handed on paper. */
export const formLanguageContentSchema = z.object({
  headline: z.string().min(1),
  benefits: z.array(z.string().min(1)),
  /** One consent sentence per category key; each names the business and WhatsApp. */
  consent: z.record(z.string(), z.string().min(1)),
  howToStop: z.string().min(1),
  submitLabel: z.string().min(1),
});

export const formVersionContentSchema = z.object({
  businessName: z.string().min(1),
  privacyPolicyUrl: z.string().url().nullable(),
  defaultLanguage: z.string().min(2),
  /** The categories offered, in display order. */
  categoryKeys: z.array(z.string().min(1)).min(1),
  /** Ask the person to confirm on WhatsApp after submitting (double opt-in). */
  askConfirmation: z.boolean(),
  languages: z.record(z.string(), formLanguageContentSchema),
});

export type FormLanguageContent = z.infer<typeof formLanguageContentSchema>;
export type FormVersionContent = z.infer<typeof formVersionContentSchema>;

export function formVersionDigest(content: FormVersionContent): string {
  return sha256Hex(canonicalJson(content as unknown as Canonical));
}
