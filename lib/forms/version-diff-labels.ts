import type { FormVersionContent } from "../db/schema/form-content";
import { categoryFieldLabels, formFieldLabels, themeFieldLabels, wordingFieldLabels } from "./field-labels";
import { diffVersions } from "./version-diff";

/** One change between two versions, as staff read it: the field as the builder labels it, values in words. */
export type WordedChange = { path: string; where: string; before: string | null; after: string | null };

type Names = { category: (key: string) => string; language: (code: string) => string };

// Named as the builder labels each field (field-labels.ts), so the versions page names a field as the person who
// edited it saw it.
const { theme, ivrKeys, ...topLevelFields } = formFieldLabels;
const formFields: Record<string, string> = {
  ...topLevelFields,
  "theme.accent": `${theme} › ${themeFieldLabels.accent}`,
  "theme.background": `${theme} › ${themeFieldLabels.background}`,
};
const wordingFields: Record<string, string> = wordingFieldLabels;
const categoryFields: Record<string, string> = categoryFieldLabels;

/** "languages.en.categories.offers.frequency" → "English › Offers › How often". An unknown path stays as it is. */
export function fieldWhere(path: string, names: Names): string {
  if (formFields[path]) return formFields[path];
  const ivr = /^ivrKeys\.([^.]+)$/.exec(path);
  if (ivr) return `${ivrKeys} › ${names.category(ivr[1]!)}`;
  const wording = /^languages\.([^.]+)\.(.+)$/.exec(path);
  if (!wording) return path;
  const language = names.language(wording[1]!);
  const field = wording[2]!;
  const benefit = /^benefits\[(\d+)\]$/.exec(field);
  if (benefit) return `${language} › ${wordingFieldLabels.benefits} › line ${Number(benefit[1]) + 1}`;
  const consent = /^consent\.([^.]+)$/.exec(field);
  if (consent) return `${language} › ${names.category(consent[1]!)} › ${wordingFieldLabels.consent}`;
  const category = /^categories\.([^.]+)\.([^.]+)$/.exec(field);
  if (category) return `${language} › ${names.category(category[1]!)} › ${categoryFields[category[2]!] ?? category[2]}`;
  return `${language} › ${wordingFields[field] ?? field}`;
}

function wordedValue(path: string, value: string | null, names: Names): string | null {
  if (value === null) return null;
  if (path === "askConfirmation") return value === "true" ? "on" : value === "false" ? "off" : value;
  if (path === "defaultLanguage") return names.language(value);
  return value;
}

/**
 * What changed from one version to the next, for people: each field named as the builder labels it, yes/no
 * settings as on/off, languages by name, and the categories offered as one list of names rather than one row per
 * position ("Orders, Offers → Orders"). The raw path stays on each change for support.
 */
export function describeVersionChanges(before: FormVersionContent | null, after: FormVersionContent, names: Names): WordedChange[] {
  const changes = diffVersions(before, after);
  const worded: WordedChange[] = [];
  let offeredListed = false;
  for (const c of changes) {
    if (c.path.startsWith("categoryKeys[")) {
      if (offeredListed) continue;
      offeredListed = true;
      const words = (keys: string[] | undefined) => (keys && keys.length > 0 ? keys.map(names.category).join(", ") : null);
      worded.push({ path: "categoryKeys", where: formFields.categoryKeys!, before: words(before?.categoryKeys), after: words(after.categoryKeys) });
      continue;
    }
    worded.push({ path: c.path, where: fieldWhere(c.path, names), before: wordedValue(c.path, c.before, names), after: wordedValue(c.path, c.after, names) });
  }
  return worded;
}
