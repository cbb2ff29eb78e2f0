import { z } from "zod";
import { plainText } from "../validation/plain-text";

/** The languages whose opt-out words the Channels page edits, with the form field each lives in. */
export const keywordLanguages = [
  { code: "en", field: "keywords_en", label: "English" },
  { code: "es", field: "keywords_es", label: "Spanish" },
  { code: "pt-BR", field: "keywords_pt_BR", label: "Portuguese (Brazil)" },
  { code: "hi", field: "keywords_hi", label: "Hindi" },
  { code: "id", field: "keywords_id", label: "Indonesian" },
] as const;

/** Blank means "keep the stored one": secrets are never sent back to the browser to be edited. */
const secretField = (what: string) => plainText(null, 500).refine((v) => v === "" || v.length >= 8, `That does not look like a ${what}; paste it again.`);

export const saveWhatsAppSchema = z.object({
  workspace: z.string(),
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{0,32}$/, "The phone number ID is the digits Meta shows under API Setup."),
  appSecret: secretField("Meta app secret"),
  accessToken: secretField("Cloud API access token"),
});

/** The Twilio number people text keywords to, in full international form; blank clears it. */
const smsNumberField = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s().-]/g, ""))
  .refine((v) => v === "" || /^\+[1-9]\d{6,14}$/.test(v), "Enter the number with + and the country code, e.g. +14155550100.")
  .transform((v) => v || null);

export const saveSmsSchema = z.object({ workspace: z.string(), authToken: secretField("Twilio auth token"), number: smsNumberField.optional() });

export const saveKeywordsSchema = z.object(
  Object.fromEntries([["workspace", z.string()], ...keywordLanguages.map((l) => [l.field, plainText(null, 300)])]) as Record<string, z.ZodType<string>>,
);

export const workspaceOnlySchema = z.object({ workspace: z.string() });
