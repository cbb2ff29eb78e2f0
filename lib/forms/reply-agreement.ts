import { standardStopWords } from "../channels/keywords";
import type { FormVersionContent } from "../db/schema/form-content";
import type { FieldError } from "../errors";
import { keywordReplyParts, stopWordsFor } from "./channel-wording";

/**
 * A keyword form's reply must say what its poster and paper form print: the consent sentences, word for word (the
 * ledger keeps the digest of the sentence a choice opts in to), and one way to stop. The reply is built so (the
 * marketer only adds an opening and a closing, lib/forms/channel-wording.ts); these are the refusals for the text
 * that could still disagree. Pure: the builder shows them as the marketer types, publishing refuses on them.
 */

const fieldNames = { reply: "reply", replyIntro: "opening", replyOutro: "closing" } as const;
type OwnField = keyof typeof fieldNames;

/** The words that stop messages in this language, written as people write commands (upper case, whole words). */
function stopWordsIn(text: string, language: string): string[] {
  const words = [...new Set([...stopWordsFor(language), ...standardStopWords])];
  return words.filter((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/\s+/g, "\\s+")}(?=$|[^\\p{L}\\p{N}])`, "u").test(text));
}

/** One language's refusals: each on the field whose text disagrees with what the poster prints. */
export function replyAgreementProblems(content: FormVersionContent, language: string, label: (key: string) => string): { field: OwnField; message: string }[] {
  const wording = content.languages[language];
  if (!wording) return [];
  const problems: { field: OwnField; message: string }[] = [];
  const { legacy } = keywordReplyParts(content, language);
  const own: [OwnField, string][] = legacy
    ? [["reply", wording.reply!.trim()]]
    : (["replyIntro", "replyOutro"] as const).flatMap((f) => (wording[f]?.trim() ? [[f, wording[f]!.trim()] as [OwnField, string]] : []));

  if (legacy) {
    // A whole reply of the marketer's own (a draft begun before the opening and closing): it must carry each
    // sentence exactly, or the person is told one thing on paper and another on the phone.
    const missing = content.categoryKeys.filter((k) => wording.consent[k]?.trim() && !own[0]![1].includes(wording.consent[k]!.trim()));
    if (missing.length > 0) {
      problems.push({
        field: "reply",
        message: `This reply leaves out or rewords the consent sentence for ${missing.map(label).join(", ")}, which the poster prints word for word. Empty this field to send the consent sentences as they are, with your own words in the opening and closing.`,
      });
    }
  }
  // How to stop is said once, in "How to stop": a different stop word in the marketer's text is a second, different
  // instruction from the one on paper.
  const printed = new Set(stopWordsIn(wording.howToStop, language));
  for (const [field, text] of own) {
    const other = stopWordsIn(text, language).filter((w) => !printed.has(w));
    if (other.length > 0) {
      const printedWords = [...printed];
      problems.push({
        field,
        message: `The ${fieldNames[field]} tells people to send ${other.join(" or ")}, but "How to stop", which the poster prints, says ${printedWords.length ? printedWords.join(" or ") : "no stop word"}. Say how to stop only there, or use the same word.`,
      });
    }
  }
  return problems;
}

/** Field errors for every language of a keyword form: what publishing refuses, on the builder's reply fields. */
export function replyAgreementErrors(channel: string, content: FormVersionContent, label: (key: string) => string = (k) => k): FieldError[] {
  if (channel !== "sms" && channel !== "whatsapp") return [];
  return Object.keys(content.languages).flatMap((lang) =>
    replyAgreementProblems(content, lang, (key) => content.languages[lang]?.categories?.[key]?.label?.trim() || label(key)).map((p) => ({
      field: `content.languages.${lang}.${p.field}`,
      code: "reply_disagrees",
      message: p.message,
    })),
  );
}
