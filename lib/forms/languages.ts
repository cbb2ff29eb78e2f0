/** The languages a form can be written in, each named in itself so a speaker recognises it. */
export const formLanguageNames = {
  en: "English",
  es: "Español",
  "pt-BR": "Português (Brasil)",
  hi: "हिन्दी",
  id: "Bahasa Indonesia",
} as const;

export type FormLanguage = keyof typeof formLanguageNames;
export const formLanguages = Object.keys(formLanguageNames) as [FormLanguage, ...FormLanguage[]];
export const isFormLanguage = (value: string): value is FormLanguage => value in formLanguageNames;
