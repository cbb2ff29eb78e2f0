import type { CategoryText, FormVersionContent } from "../db/schema/form-content";

/**
 * A category's label, description, example and frequency as a form version shows them in one language.
 * Versions made before forms carried translations lack them: the category's own (current) text stands in.
 */
export function categoryTextIn(content: FormVersionContent | null | undefined, language: string, category: { key: string } & CategoryText): CategoryText {
  const frozen = content?.languages[language]?.categories?.[category.key];
  if (frozen) return frozen;
  return { label: category.label, description: category.description, example: category.example, frequency: category.frequency };
}

/** The exact consent sentence a version shows for a category in a language, if it has one. */
export function consentSentenceIn(content: FormVersionContent | null | undefined, language: string, categoryKey: string): string | undefined {
  if (!content?.categoryKeys.includes(categoryKey)) return undefined;
  return content.languages[language]?.consent[categoryKey];
}
