import { isSupportedCountry } from "libphonenumber-js/max";
import { z } from "zod";
import { contrastRatio, MIN_TEXT_CONTRAST } from "./contrast";
import { normalizePhone, PhoneError } from "../phone/normalize";
import { plainText } from "../validation/plain-text";

/** Languages a hosted form can be written in; the default is the one a form opens in. */
export const profileLanguages = {
  en: "English",
  es: "Español (Spanish)",
  "pt-BR": "Português do Brasil (Brazilian Portuguese)",
  hi: "हिन्दी (Hindi)",
  id: "Bahasa Indonesia (Indonesian)",
} as const;
export type ProfileLanguage = keyof typeof profileLanguages;

const MIN_CONTRAST = MIN_TEXT_CONTRAST;

/** WCAG contrast ratio of white text on the colour: hosted forms put their submit label in white on it. */
export function whiteTextContrast(hex: string): number {
  return contrastRatio("#ffffff", hex);
}

const optionalHttpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2000, "Use at most 2,000 characters.")
    .refine((v) => v === "" || URL.canParse(v), `Enter the full address of the ${what}, starting with https://`)
    .refine((v) => v === "" || !URL.canParse(v) || new URL(v).protocol === "https:", `The ${what} must be on https://, so browsers show it without warnings.`)
    .transform((v) => (v === "" ? null : v));

/**
 * The WhatsApp Business Platform also registers landline and toll-free numbers (verified by a voice call), so
 * the mobile-only rule that applies to consumers' numbers is relaxed here; every other check of normalizePhone stands.
 */
export function normalizeBusinessNumber(raw: string, country: string): string {
  return normalizePhone(raw, country, "whatsappNumber", "business");
}

/** A national number is read in the default country; say so, since a wrong country is the likelier mistake. */
function phoneMessage(error: PhoneError): string {
  if (error.problem === "invalid_for_country")
    return "This is not a valid number for the default country below. Check the number, or start it with + and the country code.";
  return error.message;
}

export const profileSchema = z
  .object({
    workspace: z.string(),
    businessName: plainText("Enter the business name people know you by.", 100),
    legalName: plainText("Enter the registered legal name.", 200),
    whatsappNumber: z.string().trim().max(40, "This phone number is too long."),
    logoUrl: optionalHttpsUrl("logo"),
    brandColor: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^#[0-9a-f]{6}$/, "Enter a colour as # and six hex digits, for example #0f766e.")
      .refine((v) => !/^#[0-9a-f]{6}$/.test(v) || whiteTextContrast(v) >= MIN_CONTRAST, {
        error: (issue) =>
          `Too light: white button text on it has a contrast of ${whiteTextContrast(String(issue.input)).toFixed(1)}:1 and needs ${MIN_CONTRAST}:1. Choose a darker shade.`,
      }),
    defaultLanguage: z.enum(Object.keys(profileLanguages) as [ProfileLanguage, ...ProfileLanguage[]], { message: "Choose a language." }),
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => /^[A-Z]{2}$/.test(v) && isSupportedCountry(v), "Choose a country from the list."),
    privacyPolicyUrl: optionalHttpsUrl("privacy policy"),
    // A checkbox sends "on" when ticked and nothing when not.
    requireConfirmation: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  })
  // A refinement, not part of the transform, so a bad number is reported together with the other fields' errors.
  .superRefine((v, ctx) => {
    if (v.whatsappNumber === "" || !isSupportedCountry(v.defaultCountry)) return;
    try {
      normalizeBusinessNumber(v.whatsappNumber, v.defaultCountry);
    } catch (error) {
      if (!(error instanceof PhoneError)) throw error;
      ctx.addIssue({ code: "custom", path: ["whatsappNumber"], message: phoneMessage(error) });
    }
  })
  .transform((v) => ({ ...v, whatsappNumber: v.whatsappNumber === "" ? null : normalizeBusinessNumber(v.whatsappNumber, v.defaultCountry) }));

export type ProfileInput = z.input<typeof profileSchema>;
export type Profile = Omit<z.output<typeof profileSchema>, "workspace">;

/** Each profile field in words: the save message and the audit log name the fields changed with these. */
export const profileFieldLabels: Record<keyof Profile, string> = {
  businessName: "business name",
  legalName: "legal name",
  whatsappNumber: "WhatsApp number",
  logoUrl: "logo",
  brandColor: "brand colour",
  defaultLanguage: "default language",
  defaultCountry: "default country",
  privacyPolicyUrl: "privacy policy",
  requireConfirmation: "double opt-in",
};
