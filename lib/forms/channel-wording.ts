import { defaultOptOutKeywords } from "../channels/keywords";
import type { FormVersionContent } from "../db/schema/form-content";

/**
 * What a form says on the channels that are not a web page, built from the version alone so the event's form
 * version and language prove what was sent or read out. Pure: the builder's live panel runs it too.
 */

/** The reply to an SMS or WhatsApp keyword: the marketer's own, or the consent sentences and how to stop. */
export function keywordReplyText(content: FormVersionContent, language: string): string {
  const wording = content.languages[language];
  if (!wording) return "";
  if (wording.reply?.trim()) return wording.reply.trim();
  return [...content.categoryKeys.map((k) => wording.consent[k]).filter(Boolean), wording.howToStop].join("\n\n");
}

const pressWords: Record<string, (key: string) => string> = {
  en: (k) => `Press ${k}.`,
  es: (k) => `Pulse ${k}.`,
  "pt-BR": (k) => `Digite ${k}.`,
  hi: (k) => `${k} दबाएँ।`,
  id: (k) => `Tekan ${k}.`,
};

/** The IVR menu as read out: the opening, each category's consent sentence and its key, then how to stop. */
export function ivrScriptLines(content: FormVersionContent, language: string): string[] {
  const wording = content.languages[language];
  if (!wording) return [];
  const press = pressWords[language] ?? pressWords.en!;
  return [
    ...(wording.ivrIntro?.trim() ? [wording.ivrIntro.trim()] : []),
    ...content.categoryKeys.map((k) => `${wording.consent[k] ?? ""} ${content.ivrKeys?.[k] ? press(content.ivrKeys[k]!) : ""}`.trim()),
    wording.howToStop,
  ];
}

/** The words that stop messages in a language: what a reply must tell people to send. */
export function stopWordsFor(language: string): string[] {
  return [...new Set([...(defaultOptOutKeywords[language] ?? []), "STOP"])];
}

// The GSM 03.38 alphabet: texts made only of it go as 7-bit (160 a message); one character outside, as UCS-2 (70).
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const gsmExtended = "^{}\\[~]|€\f";

/** How many SMS messages a text is sent as (concatenated messages carry a header, so hold 153 or 67 each). */
export function smsSegments(text: string): { segments: number; encoding: "GSM-7" | "UCS-2"; units: number } {
  const chars = [...text];
  if (chars.every((c) => gsmBasic.includes(c) || gsmExtended.includes(c))) {
    const units = chars.reduce((n, c) => n + (gsmExtended.includes(c) ? 2 : 1), 0);
    return { segments: units <= 160 ? 1 : Math.ceil(units / 153), encoding: "GSM-7", units };
  }
  const units = text.length; // UTF-16 code units: an emoji takes two
  return { segments: units <= 70 ? 1 : Math.ceil(units / 67), encoding: "UCS-2", units };
}
