import type { OptOutKeywords } from "../db/schema/channels";

/**
 * How an inbound text becomes a command. People type stop words with a full stop, an exclamation mark, an emoji,
 * a dash ("Opt-out"), full-width letters from an Asian keyboard ("ＳＴＯＰ") or in two words ("STOP ALL",
 * "OPT OUT"); all of these must stop. So a message is first reduced to its words (normalizeCommand), then read:
 *
 * - A stop command is a message that STARTS with a stop word (one, two or three typed words that join into one:
 *   "OPT OUT" is OPTOUT), optionally after "please", and has after it nothing, "all" (in a workspace language),
 *   a courtesy ("please", "thanks") or exactly one category's key or name in any language a form of the
 *   workspace gives it ("BAJA ofertas", "STOP order updates").
 * - A message that starts with a stop word but is none of these ("stop sending me offers please") is NOT read as
 *   a stop: it may name one kind of message, and stopping every kind would undo consents the person wants kept.
 *   It records nothing and is answered once with how to stop, in the language of the word (scope "unclear").
 * - A message that does not start with a stop word ("please don't stop the tips", "the end") is no command.
 */
export const defaultOptOutKeywords: OptOutKeywords = {
  en: ["STOP"],
  es: ["BAJA", "PARAR"],
  "pt-BR": ["PARAR", "SAIR"],
  hi: ["रोकें", "STOP"],
  id: ["BERHENTI"],
};

/**
 * Always stop words, whatever a workspace configures, on every channel: the US carriers' (and Twilio's) SMS
 * words, and the words the FCC's 2025 revocation rule says revoke consent when sent in reply (stop, quit, end,
 * revoke, opt out, cancel, unsubscribe). They are English, so the answer to them is.
 */
export const standardStopWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"];
export const smsOptInWords = ["START", "UNSTOP"];
/** Each help word and the language it is asked in, so the answer comes in that language. */
export const helpWordLanguages: Record<string, string> = { HELP: "en", INFO: "en", AYUDA: "es", AJUDA: "pt-BR", BANTUAN: "id", मदद: "hi" };
export const helpWords = Object.keys(helpWordLanguages);

/** "All" after a stop word, per language: "STOP ALL", "BAJA TODO". */
const allWords = ["ALL", "TODO", "TODOS", "TUDO", "SEMUA", "सब", "सभी", "SAB"];
/** Courtesies that change nothing about a stop: "Please stop", "STOP thanks", "BAJA por favor". */
const courtesyWords = [
  "PLEASE",
  "PLS",
  "PLZ",
  "NOW",
  "THANKS",
  "THANK YOU",
  "THANKYOU",
  "POR FAVOR",
  "YA",
  "GRACIAS",
  "OBRIGADO",
  "OBRIGADA",
  "JÁ",
  "TOLONG",
  "SEKARANG",
  "TERIMA KASIH",
  "कृपया",
  "अभी",
  "धन्यवाद",
];

/** Upper case, Unicode-normalised, single-spaced: the form a keyword is stored in. */
export function normalizeKeyword(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleUpperCase("en");
}

/**
 * A message reduced to its words, for matching: compatibility forms folded (NFKC turns "ＳＴＯＰ" into "STOP"),
 * invisible format characters and emoji variation selectors dropped, every run of anything that is not a letter,
 * a combining mark (Devanagari vowel signs are marks) or a digit turned into one space, upper case.
 */
export function normalizeCommand(text: string): string {
  return (
    text
      .normalize("NFKC")
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: each listed code point is dropped on its own, the keycap mark too
      .replace(/[\p{Cf}\uFE00-\uFE0F\u20E3\u{E0100}-\u{E01EF}]/gu, "")
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
      .trim()
      .toLocaleUpperCase("en")
  );
}

const compact = (text: string) => normalizeCommand(text).replace(/ /g, "");

export type CategoryName = {
  key: string;
  label: string;
  /** The category's names in the workspace's languages, as its forms translate them. */
  labels?: { language: string; label: string }[];
};

/** A category's name in a language, if a form gives it one; else its own label. */
export const categoryLabelIn = (c: CategoryName, language: string) => c.labels?.find((l) => l.language === language)?.label ?? c.label;

export type OptOutMatch =
  | { scope: "all"; word: string; language: string }
  | { scope: "one"; word: string; language: string; categoryKey: string }
  /** Starts with a stop word but is not a stop command: answered with how to stop, nothing recorded. */
  | { scope: "unclear"; word: string; language: string };

/** The workspace's stop words with the standard ones added to English, languages in a fixed order. */
export function stopWordsByLanguage(keywords: OptOutKeywords): [string, string[]][] {
  const merged: Record<string, string[]> = { ...keywords, en: [...(keywords.en ?? []), ...standardStopWords] };
  const order = ["en", "es", "pt-BR", "hi", "id"];
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
  return Object.entries(merged).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** How many leading tokens make up one of the phrases (1 to 3 typed words joined), or 0. */
function phraseAt(tokens: string[], phrases: Set<string>): number {
  for (let n = Math.min(3, tokens.length); n >= 1; n--) if (phrases.has(tokens.slice(0, n).join(""))) return n;
  return 0;
}

// Fixed for the life of the process; read on every inbound message, so worked out once.
const courtesies = new Set(courtesyWords.map(compact));
// Trailing courtesies: matched on the reversed list, each phrase reversed too ("THANK YOU" as "YOU THANK").
const reversedCourtesies = new Set(courtesyWords.map((w) => normalizeCommand(w).split(" ").reverse().join("")));

function withoutCourtesies(tokens: string[]): string[] {
  let rest = tokens;
  for (let n = phraseAt(rest, courtesies); n > 0; n = phraseAt(rest, courtesies)) rest = rest.slice(n);
  const reversed = [...rest].reverse();
  let tail = reversed;
  for (let n = phraseAt(tail, reversedCourtesies); n > 0; n = phraseAt(tail, reversedCourtesies)) tail = tail.slice(n);
  return tail.reverse();
}

type StopPhrases = { language: string; forms: Map<string, string>; phrases: Set<string> }[];
/** Per keywords object (a channel's settings, remembered for seconds by channel-cache.ts): its stop words as matched. */
const phrasesOf = new WeakMap<OptOutKeywords, StopPhrases>();

function stopPhrases(keywords: OptOutKeywords): StopPhrases {
  let found = phrasesOf.get(keywords);
  if (!found) {
    found = stopWordsByLanguage(keywords).map(([language, words]) => {
      const forms = new Map(words.map((w) => [compact(w), normalizeKeyword(w)] as const).filter(([c]) => c));
      return { language, forms, phrases: new Set(forms.keys()) };
    });
    phrasesOf.set(keywords, found);
  }
  return found;
}

/**
 * Whether a message is a stop command (every category, or one named), starts with a stop word without being
 * one ("unclear"), or is no stop at all (null). See the rules at the top of this file.
 */
export function matchOptOut(text: string, keywords: OptOutKeywords, categories: CategoryName[]): OptOutMatch | null {
  const tokens = normalizeCommand(text).split(" ").filter(Boolean);
  const start = phraseAt(tokens, courtesies);
  for (const { language, forms, phrases } of stopPhrases(keywords)) {
    for (const skip of start > 0 ? [start, 0] : [0]) {
      const n = phraseAt(tokens.slice(skip), phrases);
      if (n === 0) continue;
      const word = forms.get(tokens.slice(skip, skip + n).join(""))!;
      const rest = withoutCourtesies(tokens.slice(skip + n));
      const name = rest.join("");
      if (name === "" || allWords.includes(name)) return { scope: "all", word, language };
      const category = categories.find((c) => [c.key, c.label, ...(c.labels ?? []).map((l) => l.label)].some((l) => compact(l) === name));
      if (category) return { scope: "one", word, language, categoryKey: category.key };
      return { scope: "unclear", word, language };
    }
  }
  return null;
}

/** Whether the whole message, reduced to its words, is one of the words. */
export function isWord(text: string, words: readonly string[]): boolean {
  const message = compact(text);
  return message !== "" && words.some((w) => compact(w) === message);
}

/** The language a help word is asked in, or null when the message is no help word. */
export function helpLanguage(text: string): string | null {
  const message = compact(text);
  const found = Object.entries(helpWordLanguages).find(([w]) => compact(w) === message);
  return found ? found[1] : null;
}

/** "STOP, PARAR" as typed in settings into a clean list; duplicates and blanks dropped. */
export function parseKeywordList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((w) => normalizeKeyword(w))
        .filter(Boolean),
    ),
  ];
}
