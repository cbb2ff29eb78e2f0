import type { FormVersionContent } from "../db/schema/form-content";
import { flatten } from "./version-diff";

/** A field changed in one language since the live version while the same field in another language did not. */
export type TranslationDrift = { language: string; field: string; changedIn: string[] };

/** Each language's texts, flattened to "consent.offers" = text, so the same field compares across languages. */
function fieldsOf(wording: unknown): Map<string, string> {
  const out = new Map<string, string>();
  flatten(wording, "", out);
  return out;
}

/**
 * Where the languages drifted apart: after an edit to English "How often" (say), every other language whose "How
 * often" is still as it was in `before` is named, with the language(s) that changed, until that field is edited
 * there too. Only languages `before` already had are compared: a language added since has nothing to fall behind.
 */
export function translationDrift(before: FormVersionContent | null | undefined, after: FormVersionContent): TranslationDrift[] {
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
      drift.push({ language: l, field, changedIn: changers });
    }
  }
  return drift.sort((a, b) => a.language.localeCompare(b.language) || a.field.localeCompare(b.field));
}

const fieldNames: Record<string, string> = {
  headline: "the headline",
  intro: "the introduction",
  howToStop: "how to stop",
  submitLabel: "the button",
  label: "name",
  description: "what these messages are",
  example: "example message",
  frequency: "how often",
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
