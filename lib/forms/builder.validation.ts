import { z } from "zod";
import { plainText } from "../validation/plain-text";
import { formChannels } from "./channels";
import { formLanguages } from "./languages";

/**
 * What the form builder sends. A draft may be incomplete (empty sentences, a missing language): the policy
 * check says what is missing, and publishing refuses until it is complete. Limits keep a page readable.
 */
const text = (max: number) => plainText(null, max);
const categoryKey = z.string().regex(/^[a-z0-9_]{2,64}$/, "Reload the page: an unknown category was sent.");
const language = z.enum(formLanguages, { message: "Choose one of the offered languages." });

const languageWording = z.object({
  headline: text(120),
  // Optional as in a version's content: a language whose wording has none (the demo's, older versions) opens in the
  // builder without it, and its draft must still save.
  intro: text(600).optional(),
  benefits: z.array(text(160)).max(8, "Keep it to 8 benefits at most: people skim."),
  consent: z.record(categoryKey, text(400)),
  categories: z.record(categoryKey, z.object({ label: text(60), description: text(300), example: text(300), frequency: text(60) })),
  howToStop: text(400),
  submitLabel: text(40),
  reply: text(1600).optional(),
  replyIntro: text(400).optional(),
  replyOutro: text(400).optional(),
  ivrIntro: text(400).optional(),
});

/** Words carriers and WhatsApp already give a meaning: a form may not take them as its opt-in keyword. */
const reservedKeywords = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "START", "UNSTOP", "HELP", "INFO", "YES"]);

/** An SMS or WhatsApp opt-in keyword as typed: one word, not a reserved one; upper-cased, empty as undefined. */
export const keywordField = z
  .string()
  .trim()
  .max(20, "Use at most 20 characters.")
  .regex(/^[A-Za-z0-9]*$/, "Use one word of letters and digits, e.g. JOIN.")
  .refine((k) => !reservedKeywords.has(k.toUpperCase()), "This word already means stop, start or help; choose another.")
  .transform((k) => k.toUpperCase() || undefined);

const hexColour = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "Enter a colour as # and six hex digits, for example #0f766e.");

/** An origin a site may frame the form from: https://shop.example.com (a port is allowed, a path is not). */
const embedOrigin = z
  .string()
  .trim()
  .regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, "Use an origin like https://shop.example.com (https, no path).")
  .transform((v) => v.toLowerCase());

export const draftContentSchema = z.object({
  privacyPolicyUrl: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v), "Enter the full address, starting with https://")
    .transform((v) => v || null),
  defaultLanguage: language,
  categoryKeys: z
    .array(categoryKey)
    .max(20)
    .transform((keys) => [...new Set(keys)]),
  askConfirmation: z.boolean(),
  languages: z.partialRecord(language, languageWording),
  keyword: keywordField.optional(),
  theme: z.object({ accent: hexColour, background: hexColour }).optional(),
  ivrKeys: z.record(categoryKey, z.string().regex(/^[1-9]?$/, "Use one key from 1 to 9.")).optional(),
  /** Keyword forms: also publish a web sign-up page. Only true is kept (see form-content.ts). */
  webPage: z
    .boolean()
    .optional()
    .transform((v) => (v ? (true as const) : undefined)),
});

export const saveDraftSchema = z.object({
  workspace: z.string(),
  formId: z.string().uuid("Reload the page and try again."),
  name: plainText("Name the form, e.g. Checkout page.", 100),
  embedDomains: z.array(embedOrigin).max(10, "Allow at most 10 sites."),
  content: draftContentSchema,
  /** Flagged translations confirmed as still right: "language|field|digest" (driftKey in translation-drift.ts). */
  translationChecks: z
    .array(z.string().regex(/^[a-zA-Z-]{2,8}\|[\w.[\]]{1,120}\|[0-9a-f]{8}$/, "Reload the page: a translation check could not be read."))
    .max(500, "Too many translation checks at once; reload the page.")
    .optional(),
});

export type SaveDraftInput = z.input<typeof saveDraftSchema>;

export const createFormSchema = z
  .object({
    workspace: z.string(),
    name: plainText("Name the form, e.g. Checkout page.", 100),
    slug: z
      .string()
      .trim()
      .min(2, "Use at least 2 characters.")
      .max(40, "Use at most 40 characters.")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. summer-offers."),
    channel: z.enum(formChannels, { message: "Choose where people will opt in." }),
    keyword: keywordField.optional(),
  })
  .superRefine((v, ctx) => {
    // A keyword form is reached only by its keyword: without one, nobody could opt in through it.
    if ((v.channel === "sms" || v.channel === "whatsapp") && !v.keyword) {
      ctx.addIssue({ code: "custom", path: ["keyword"], message: "Choose the word people send to opt in, e.g. JOIN." });
    }
  });

export const formRefSchema = z.object({ workspace: z.string(), formId: z.string().uuid("Reload the page and try again.") });

/** The builder posts its whole state as one JSON field beside the usual hidden workspace and form ids. */
function mergeJsonPayload(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || typeof (raw as { payload?: unknown }).payload !== "string") return raw;
  const { payload, ...rest } = raw as { payload: string };
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === "object" ? { ...parsed, ...rest } : rest;
  } catch {
    return rest;
  }
}

export const saveDraftActionSchema = z.preprocess(mergeJsonPayload, saveDraftSchema);
