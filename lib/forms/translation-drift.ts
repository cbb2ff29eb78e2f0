import type { FormVersionContent } from "../db/schema/form-content";
import { flatten } from "./version-diff";

/**
 * A field changed in one language since the live version while the same field in another language did not.
 * `key` names this flag for the texts as they are now; `confirmed` is true once staff said the translation is
 * still right (its key is among the confirmations given).
 */
export type TranslationDrift = { language: string; field: string; changedIn: string[]; key: string; confirmed: boolean };

/**
 * A short digest of a text (FNV-1a, 32 bits): it only tells one wording from the next inside a key, runs in the
 * browser as on the server, and guards nothing, so it need not be cryptographic.
 */
function textDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * What a confirmation is kept under: the language and field flagged and a digest of the changed wording it was
 * confirmed against, so a later edit to that wording flags the field again.
 */
export const driftKey = (language: string, field: string, changedTexts: string[]) => `${language}|${field}|${textDigest(changedTexts.join("\u0000"))}`;

/** Each language's texts, flattened to "consent.offers" = text, so the same field compares across languages. */
function fieldsOf(wording: unknown): Map<string, string> {
  const out = new Map<string, string>();
  flatten(wording, "", out);
  return out;
}

/**
 * Where the languages drifted apart: after an edit to English "How often" (say), every other language whose "How
 * often" is still as it was in `before` is named, with the language(s) that changed, until that field is edited
 * there too, or confirmed as still right. Only languages `before` already had are compared: a language added since
 * has nothing to fall behind.
 */
export function translationDrift(
  before: FormVersionContent | null | undefined,
  after: FormVersionContent,
  confirmations: readonly string[] = [],
): TranslationDrift[] {
  if (!before) return [];
  const languages = Object.keys(after.languages).filter((l) => before.languages[l]);
  const was = new Map(languages.map((l) => [l, fieldsOf(before.languages[l])]));
  const now = new Map(languages.map((l) => [l, fieldsOf(after.languages[l])]));
  const changedIn = new Map<string, string[]>();
  for (const l of languages) {
    for (const [field, text] of now.get(l)!) {
      if (text.trim() && was.get(l)!.get(field) !== text) changedIn.set(field, [...(changedIn.get(field) ?? []), l]);
    }
  }
  const drift: TranslationDrift[] = [];
  for (const [field, changers] of changedIn) {
    for (const l of languages) {
      const text = now.get(l)!.get(field);
      if (changers.includes(l) || !text?.trim() || was.get(l)!.get(field) !== text) continue;
      const key = driftKey(
        l,
        field,
        changers.map((c) => `${c}=${now.get(c)!.get(field)}`),
      );
      drift.push({ language: l, field, changedIn: changers, key, confirmed: confirmations.includes(key) });
    }
  }
  return drift.sort((a, b) => a.language.localeCompare(b.language) || a.field.localeCompare(b.field));
}

/** The flags still open: what the policy check warns about until each is edited or confirmed. */
export const unconfirmedDrift = (before: FormVersionContent | null | undefined, after: FormVersionContent, confirmations: readonly string[] = []) =>
  translationDrift(before, after, confirmations).filter((d) => !d.confirmed);

const fieldNames: Record<string, string> = {
  headline: "the headline",
  intro: "the introduction",
  howToStop: "how to stop",
  submitLabel: "the button",
  label: "name",
  description: "what these messages are",
  example: "example message",
  frequency: "how often",
  reply: "the keyword reply",
  replyIntro: "the reply's opening",
  replyOutro: "the reply's closing",
  ivrIntro: "the call's introduction",
};

/** A field as the builder labels it: "Offers › how often", "the headline", "benefit 2". */
export function fieldLabel(field: string, categoryLabel: (key: string) => string): string {
  const benefit = /^benefits\[(\d+)\]$/.exec(field);
  if (benefit) return `benefit ${Number(benefit[1]) + 1}`;
  const [head, key, sub] = field.split(".");
  if (head === "consent" && key) return `${categoryLabel(key)} › consent sentence`;
  if (head === "categories" && key && sub) return `${categoryLabel(key)} › ${fieldNames[sub] ?? sub}`;
  return fieldNames[field] ?? field;
}
