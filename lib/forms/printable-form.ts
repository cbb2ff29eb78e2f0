import type { PublishedForm } from "./queries";
import { ValidationError } from "../errors";
import { categoryTextIn } from "./localized";

/** What a printed poster or paper form shows: the current version's wording in one language, nothing else. */
export type PrintableForm = {
  businessName: string;
  /** The workspace's brand colour, for accents only. */
  brandColor: string | null;
  language: string;
  headline: string;
  intro: string | null;
  categories: { key: string; label: string; description: string; example: string; frequency: string; consent: string }[];
  howToStop: string;
  privacyPolicyUrl: string | null;
  url: string;
  /** A keyword form's way in, which the poster leads with instead of the web address ("Text JOIN to …"). */
  keyword?: { channel: "sms" | "whatsapp"; call: string; link: string };
  version: { id: string; number: number; digest: string };
};

/**
 * Picks the wording of `language` (the form's default when not given). Category texts frozen with the version
 * win over the category's current ones, as on the hosted page, so paper and screen say the same.
 */
export function printableForm(form: PublishedForm, language: string | undefined, url: string): PrintableForm {
  const content = form.version.content;
  const lang = language ?? content.defaultLanguage;
  const wording = content.languages[lang];
  if (!wording) {
    const offered = Object.keys(content.languages).sort().join(", ");
    const message = `This form has no "${lang}" wording. It is written in: ${offered}.`;
    throw new ValidationError([{ field: "lang", code: "unknown_language", message }], message);
  }
  return {
    businessName: content.businessName,
    brandColor: form.workspace.brandColor,
    language: lang,
    headline: wording.headline,
    intro: wording.intro?.trim() || null,
    categories: form.categories.flatMap((c) => {
      const consent = wording.consent[c.key];
      if (!consent) return []; // never print a box without the sentence it stands for
      return [{ key: c.key, ...categoryTextIn(content, lang, c), consent }];
    }),
    howToStop: wording.howToStop,
    privacyPolicyUrl: content.privacyPolicyUrl,
    url,
    version: { id: form.version.id, number: form.version.version, digest: form.version.digest },
  };
}

/** Every string of the wording, for checks that must look at all of it (can it be printed?). */
export function printableTexts(form: PrintableForm): string[] {
  return [
    form.businessName,
    form.headline,
    form.intro ?? "",
    form.howToStop,
    ...form.categories.flatMap((c) => [c.label, c.description, c.example, c.frequency, c.consent]),
  ];
}
