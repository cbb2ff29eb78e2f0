import "server-only";
import type { FormVersionContent } from "../db/schema/form-content";
import type { CategoryName } from "../channels/keywords";

/**
 * Adds each category's names in every language the workspace's forms give it ("Ofertas" for offers in a Spanish
 * form), so "BAJA ofertas" stops offers. Translated names live only in form versions (content.languages[l]
 * .categories[key].label): `versions` are the `languages` of the current version of every form that has one,
 * published or not, since a name people were shown on a form now archived is still a name they may use (the
 * channel's read gathers them, lib/channels/vocabulary.ts).
 */
export function addTranslatedNames<C extends CategoryName>(categories: C[], versions: FormVersionContent["languages"][]): C[] {
  const names = new Map<string, { language: string; label: string }[]>();
  for (const languages of versions) {
    for (const [language, wording] of Object.entries(languages)) {
      for (const [key, text] of Object.entries(wording.categories ?? {})) {
        const list = names.get(key) ?? [];
        if (text.label && !list.some((l) => l.language === language && l.label === text.label)) list.push({ language, label: text.label });
        names.set(key, list);
      }
    }
  }
  return categories.map((c) => ({ ...c, labels: [...(c.labels ?? []), ...(names.get(c.key) ?? [])] }));
}

/** A category's texts in one language, as a form gives them. */
export type CategoryWording = { label: string; description: string; example: string; frequency: string };

/**
 * What the workspace's forms already call each category in each language (`versions` newest first, as above): the
 * starting point when a marketer adds that language to another form, so a new Spanish form does not begin with
 * English names the workspace has long translated. The newest form that names a category in a language wins.
 */
export function categoryTranslations(versions: FormVersionContent["languages"][]): Record<string, Record<string, CategoryWording>> {
  const out: Record<string, Record<string, CategoryWording>> = {};
  for (const languages of versions) {
    for (const [language, wording] of Object.entries(languages)) {
      for (const [key, text] of Object.entries(wording.categories ?? {})) {
        if (!text.label?.trim() || out[language]?.[key]) continue;
        const inLanguage = out[language] ?? {};
        inLanguage[key] = { label: text.label, description: text.description ?? "", example: text.example ?? "", frequency: text.frequency ?? "" };
        out[language] = inLanguage;
      }
    }
  }
  return out;
}
