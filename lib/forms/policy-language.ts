import type { FormVersionContent } from "../db/schema/form-content";
import { squash, whatsappNames } from "./policy-text";

/** Whether `text` holds `phrase` as whole words (so "Tips" is not found in "tipsy"), case and spacing aside. */
function holdsPhrase(text: string, phrase: string): boolean {
  const p = squash(phrase);
  if (!p) return false;
  const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escaped}(?![\\p{L}\\p{N}\\p{M}])`, "u").test(squash(text));
}

/**
 * Consent sentences of a language other than the default that are not yet in that language: the sentence is the
 * default language's word for word, or it still names a category as the default language does ("Sí, quiero
 * recibir order updates…": what the builder's starter gives before the names are translated). A legal sentence a
 * person cannot read is no consent, so this blocks publishing. A category name left as it is in the language's
 * own label counts too: that is what an untranslated starter looks like, and a label cannot tell a deliberate
 * loanword from a forgotten one; a name that is the business's own (or WhatsApp) is never counted.
 */
export function untranslatedConsent(
  content: FormVersionContent,
  categories: { key: string; label: string }[],
  businessName: string,
  langName: (lang: string) => string,
  label: (key: string) => string,
): string[] {
  const base = content.languages[content.defaultLanguage];
  if (!base) return [];
  const baseNames = content.categoryKeys.flatMap((key) =>
    [base.categories?.[key]?.label, categories.find((c) => c.key === key)?.label].filter((n): n is string => Boolean(n?.trim())),
  );
  return Object.keys(content.languages)
    .filter((lang) => lang !== content.defaultLanguage)
    .flatMap((lang) => {
      const wording = content.languages[lang]!;
      const proper = new Set([squash(businessName), ...whatsappNames.map(squash)]);
      const foreign = [...new Set(baseNames.map(squash))].filter((n) => !proper.has(n));
      return content.categoryKeys.flatMap((key) => {
        const sentence = wording.consent[key] ?? "";
        if (!sentence.trim()) return [];
        const where = `${langName(lang)}, ${label(key)}`;
        if (squash(sentence) === squash(base.consent[key] ?? "")) {
          return [`${where}: the consent sentence is still the ${langName(content.defaultLanguage)} one; write it in ${langName(lang)}.`];
        }
        const left = foreign.filter((n) => holdsPhrase(sentence, n));
        return left.length > 0
          ? [`${where}: the consent sentence still says "${left.join('", "')}" in ${langName(content.defaultLanguage)}; write it in ${langName(lang)}.`]
          : [];
      });
    });
}
