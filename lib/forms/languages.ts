import { isSupportedLanguage, languageName, supportedLanguages, type SupportedLanguage } from "../i18n/languages";

/** A form can be written in exactly the languages the consumer pages speak (lib/i18n), each named in itself. */
export type FormLanguage = SupportedLanguage;
export const formLanguages = supportedLanguages as [FormLanguage, ...FormLanguage[]];
export const formLanguageNames = Object.fromEntries(formLanguages.map((l) => [l, languageName(l)])) as Record<FormLanguage, string>;
export const isFormLanguage = isSupportedLanguage;
