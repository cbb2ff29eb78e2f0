// The shape of a form's wording, stored in the forms and form_versions JSON columns. It is part of the tables'
// schema (a version's content is the evidence the ledger commits to by digest), so it lives beside them and the
// database layer depends on no feature for its column types.
import { z } from "zod";

/** How one category is presented in one language. */
export const categoryTextSchema = z.object({
  label: z.string().min(1),
  description: z.string(),
  example: z.string(),
  frequency: z.string(),
});

/** Wording of a form in one language: exactly what the person is shown, read out or handed on paper. */
export const formLanguageContentSchema = z.object({
  headline: z.string().min(1),
  /** A sentence or two under the headline. */
  intro: z.string().optional(),
  benefits: z.array(z.string().min(1)),
  /**
   * Each category's label, description, example and frequency in this language, frozen with the version so the
   * text shown is provable. Versions made before forms had translations lack it and show the category's own.
   */
  categories: z.record(z.string(), categoryTextSchema).optional(),
  /** One consent sentence per category key; each names the business and WhatsApp. */
  consent: z.record(z.string(), z.string().min(1)),
  howToStop: z.string().min(1),
  submitLabel: z.string().min(1),
  /**
   * SMS and WhatsApp keyword forms: the reply sent when someone texts the keyword. Versions made before it was
   * editable lack it, and their reply is the consent sentences and how to stop (lib/forms/channel-wording.ts).
   */
  reply: z.string().optional(),
  /**
   * SMS and WhatsApp keyword forms: the marketer's words before and after the consent sentences and how to stop,
   * which the reply always carries word for word (lib/forms/channel-wording.ts). Never stored empty, so versions
   * made before them keep their digests.
   */
  replyIntro: z.string().optional(),
  replyOutro: z.string().optional(),
  /** IVR forms: what the menu says before the choices (who is calling, why). */
  ivrIntro: z.string().optional(),
});

/** Per-form colours of the hosted page, receipt and preference centre (checked for contrast before publishing). */
export const formThemeSchema = z.object({
  accent: z.string().regex(/^#[0-9a-f]{6}$/),
  background: z.string().regex(/^#[0-9a-f]{6}$/),
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
  /** SMS and WhatsApp forms: the word people send to opt in (upper case). Versioned: the live one is the form's. */
  keyword: z.string().optional(),
  /** Absent: the workspace's brand colour on the default background. */
  theme: formThemeSchema.optional(),
  /** IVR forms: the key that means yes, per category key ("1" to "9"). */
  ivrKeys: z.record(z.string(), z.string()).optional(),
  /**
   * SMS and WhatsApp keyword forms: true when the marketer also asked for a web sign-up page at the form's
   * address. Absent (never stored as false, so older versions keep their digests): the keyword is the only way in.
   */
  webPage: z.literal(true).optional(),
});

export type CategoryText = z.infer<typeof categoryTextSchema>;
export type FormTheme = z.infer<typeof formThemeSchema>;
export type FormLanguageContent = z.infer<typeof formLanguageContentSchema>;
export type FormVersionContent = z.infer<typeof formVersionContentSchema>;

/** The editable next version of a form, kept on the form until it is published. */
export type FormDraft = {
  content: FormVersionContent;
  updatedAt: string;
  updatedBy: string | null;
  /** Flagged translations confirmed as still right (driftKey in lib/forms/translation-drift.ts); absent: none. */
  translationChecks?: string[];
};
