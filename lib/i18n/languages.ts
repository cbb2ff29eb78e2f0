import { en, type Messages } from "./messages/en";
import { es } from "./messages/es";
import { hi } from "./messages/hi";
import { id } from "./messages/id";
import { ptBR } from "./messages/pt-BR";

/** The languages the consumer pages speak. A form may be worded in these; its chrome comes from here. */
export const dictionaries = { en, es, "pt-BR": ptBR, hi, id } satisfies Record<string, Messages>;

export type SupportedLanguage = keyof typeof dictionaries;
export const supportedLanguages = Object.keys(dictionaries) as SupportedLanguage[];

export function isSupportedLanguage(code: string): code is SupportedLanguage {
  return Object.hasOwn(dictionaries, code);
}

/** The dictionary for a language; English for a form language the pages do not speak yet. */
export function messagesFor(language: string): Messages {
  return isSupportedLanguage(language) ? dictionaries[language] : en;
}

/** A language's own name for the switcher ("Español", not "Spanish"), so people find theirs. */
export function languageName(code: string): string {
  if (isSupportedLanguage(code)) return dictionaries[code].languageName;
  try {
    return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A form's languages in a stable order for the switcher: the pages' own order, then any others by code.
 * (Stored as JSON, a version's languages come back in no meaningful order.)
 */
export function orderLanguages(codes: Iterable<string>): string[] {
  const rank = (code: string) => {
    const i = supportedLanguages.indexOf(code as SupportedLanguage);
    return i === -1 ? supportedLanguages.length : i;
  };
  return [...codes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
