import type { OptOutKeywords } from "../db/schema/channels";

/**
 * Keywords are matched against the WHOLE message, case and spacing aside, so "please stop sending me the
 * weekly offers" is never read as a STOP by accident. A category is named in a keyword by its key or its label
 * with spaces, dashes and underscores ignored: "STOP offers", "STOP order updates" and "STOP ORDER_UPDATES" all
 * name the category with key "order_updates" or label "Order updates".
 */
export const defaultOptOutKeywords: OptOutKeywords = {
  en: ["STOP"],
  es: ["BAJA", "PARAR"],
  "pt-BR": ["PARAR", "SAIR"],
  hi: ["रोकें", "STOP"],
  id: ["BERHENTI"],
};

/** The carrier-standard SMS words (the ones Twilio's own opt-out handling honours), whole message only. */
export const smsOptOutWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
export const smsOptInWords = ["START", "UNSTOP"];
/** Each help word and the language it is asked in, so the answer comes in that language. */
export const helpWordLanguages: Record<string, string> = { HELP: "en", INFO: "en", AYUDA: "es", AJUDA: "pt-BR", BANTUAN: "id", मदद: "hi" };
export const helpWords = Object.keys(helpWordLanguages);

/** Upper case, Unicode-normalised, single-spaced: the form two typings of the same word share. */
export function normalizeKeyword(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleUpperCase("en");
}

const compact = (text: string) => normalizeKeyword(text).replace(/[\s_\-]+/g, "");

export type CategoryName = { key: string; label: string };

export type OptOutMatch = { scope: "all"; word: string; language: string } | { scope: "one"; word: string; language: string; categoryKey: string };

/** Whether a message is an opt-out word alone (all categories) or an opt-out word and one category's name. */
export function matchOptOut(text: string, keywords: OptOutKeywords, categories: CategoryName[]): OptOutMatch | null {
  const message = normalizeKeyword(text);
  for (const [language, words] of Object.entries(keywords)) {
    for (const raw of words) {
      const word = normalizeKeyword(raw);
      if (!word) continue;
      if (message === word) return { scope: "all", word, language };
      if (!message.startsWith(`${word} `)) continue;
      const rest = compact(message.slice(word.length + 1));
      const category = categories.find((c) => compact(c.key) === rest || compact(c.label) === rest);
      if (category) return { scope: "one", word, language, categoryKey: category.key };
    }
  }
  return null;
}

/** Whether the whole message is one of the words. */
export function isWord(text: string, words: readonly string[]): boolean {
  const message = normalizeKeyword(text);
  return words.some((w) => normalizeKeyword(w) === message);
}

/** "STOP, PARAR" as typed in settings into a clean list; duplicates and blanks dropped. */
export function parseKeywordList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((w) => normalizeKeyword(w)).filter(Boolean))];
}
