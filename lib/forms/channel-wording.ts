import { defaultOptOutKeywords } from "../channels/keywords";
import type { FormVersionContent } from "../db/schema/form-content";

/**
 * What a form says on the channels that are not a web page, built from the version alone so the event's form
 * version and language prove what was sent or read out. Pure: the builder's live panel runs it too.
 */

/**
 * The reply to an SMS or WhatsApp keyword in its parts. `said` comes before the choices (with several categories)
 * and `after` after them. Since replies got an opening and a closing, the consent sentences and how to stop are
 * always carried word for word, as the poster and the paper form print them: the marketer's text only adds
 * `replyIntro` before and `replyOutro` after, so the reply cannot drop or reword what was on paper.
 * `legacy`: a version from before, whose marketer wrote the whole reply (`reply`); it is sent as it was, so its
 * digest still proves it, and a new one is published only if it carries the sentences (reply-agreement.ts).
 */
export function keywordReplyParts(content: FormVersionContent, language: string): { said: string[]; after: string[]; legacy: boolean } {
  const wording = content.languages[language];
  if (!wording) return { said: [], after: [], legacy: false };
  if (wording.reply?.trim()) return { said: [wording.reply.trim()], after: [], legacy: true };
  const intro = wording.replyIntro?.trim();
  const outro = wording.replyOutro?.trim();
  return {
    said: [...(intro ? [intro] : []), ...content.categoryKeys.map((k) => wording.consent[k]).filter((s): s is string => Boolean(s))],
    after: [wording.howToStop, ...(outro ? [outro] : [])],
    legacy: false,
  };
}

/**
 * The text of the reply to an SMS or WhatsApp keyword: the opening, the consent sentences, how to stop and the
 * closing (or an older version's own reply). For a form with several categories this is the wording only;
 * keywordReply adds the choices.
 */
export function keywordReplyText(content: FormVersionContent, language: string): string {
  const { said, after } = keywordReplyParts(content, language);
  return [...said, ...after].join("\n\n");
}

/** WhatsApp's limits on an interactive message (Cloud API reference: reply buttons and list messages). */
export const whatsappLimits = { body: 1024, buttons: 3, buttonTitle: 20, listRows: 10, rowTitle: 24, listButton: 20 } as const;

/** How a keyword form with several categories asks which: buttons (or a list) on WhatsApp, numbers in a text. */
export type ChoiceFormat = "buttons" | "list" | "numbered";

/** One choice offered: its category, the label as sent (cut to the channel's limit) and what answers it. */
export type KeywordChoice = { categoryKey: string; label: string; id: string; cut: boolean };

/**
 * The reply to a keyword, as sent: its body, and the choices, one per category, when the form has several (a
 * keyword alone never opts in to more than one kind of message). `format` is null for one category: the keyword
 * itself opts in to it and the reply is the wording alone.
 */
export type KeywordReply = { body: string; choices: KeywordChoice[]; format: ChoiceFormat | null; listButton?: string };

/** The prefix of a WhatsApp choice's id: assent:optin:<form version id>:<category key>. */
export const CHOICE_ID_PREFIX = "assent:optin:";

export const choiceId = (versionId: string, categoryKey: string) => `${CHOICE_ID_PREFIX}${versionId}:${categoryKey}`;

/** A WhatsApp choice's id read back: the form version and category it claims (checked against the database). */
export function readChoiceId(id: string | undefined): { versionId: string; categoryKey: string } | null {
  const m = id?.match(/^assent:optin:([0-9a-f-]{36}):([^:\s]{1,100})$/i);
  return m ? { versionId: m[1]!.toLowerCase(), categoryKey: m[2]! } : null;
}

type ChoiceWords = { numbered: (options: string[]) => string; tap: string; list: string; listButton: string; number: (n: number, label: string) => string };
const choiceWords: Record<string, ChoiceWords> = {
  en: {
    numbered: (o) => `Reply ${o.join(", ")} (or several, e.g. 1 2).`,
    number: (n, l) => `${n} for ${l}`,
    tap: "Tap a button for each kind of message you want.",
    list: "Open the list and choose a kind of message; open it again to choose another.",
    listButton: "Choose",
  },
  es: {
    numbered: (o) => `Responde ${o.join(", ")} (o varios, p. ej. 1 2).`,
    number: (n, l) => `${n} para ${l}`,
    tap: "Toca un botón por cada tipo de mensaje que quieras.",
    list: "Abre la lista y elige un tipo de mensaje; ábrela otra vez para elegir otro.",
    listButton: "Elegir",
  },
  "pt-BR": {
    numbered: (o) => `Responda ${o.join(", ")} (ou vários, p. ex. 1 2).`,
    number: (n, l) => `${n} para ${l}`,
    tap: "Toque em um botão para cada tipo de mensagem que quiser.",
    list: "Abra a lista e escolha um tipo de mensagem; abra de novo para escolher outro.",
    listButton: "Escolher",
  },
  hi: {
    numbered: (o) => `${o.join(", ")} भेजें (या कई, जैसे 1 2)।`,
    number: (n, l) => `${l} के लिए ${n}`,
    tap: "आप जो भी संदेश चाहते हैं, हर एक के लिए एक बटन दबाएँ।",
    list: "सूची खोलें और एक तरह के संदेश चुनें; दूसरा चुनने के लिए फिर से खोलें।",
    listButton: "चुनें",
  },
  id: {
    numbered: (o) => `Balas ${o.join(", ")} (atau beberapa, mis. 1 2).`,
    number: (n, l) => `${n} untuk ${l}`,
    tap: "Ketuk tombol untuk setiap jenis pesan yang Anda inginkan.",
    list: "Buka daftar dan pilih satu jenis pesan; buka lagi untuk memilih yang lain.",
    listButton: "Pilih",
  },
};

/** A label cut to `max` characters (code points), with an ellipsis when it had to be. */
function cutLabel(label: string, max: number): { label: string; cut: boolean } {
  const chars = [...label.trim()];
  if (chars.length <= max) return { label: chars.join(""), cut: false };
  return {
    label: `${chars
      .slice(0, max - 1)
      .join("")
      .trimEnd()}…`,
    cut: true,
  };
}

/**
 * The reply to a keyword on a channel, built from the version alone (pure: the builder's preview runs it too).
 * One category: the wording, as keywordReplyText. Several: the wording, then how to choose, with one choice per
 * category: reply buttons on WhatsApp (up to three, a list message up to ten), numbered on SMS and on WhatsApp
 * through Twilio (TwiML carries text only). `versionId` goes into the WhatsApp ids; a preview may leave it out.
 */
export function keywordReply(
  content: FormVersionContent,
  language: string,
  channel: "sms" | "whatsapp",
  options: { versionId?: string; numbered?: boolean } = {},
): KeywordReply {
  const wording = content.languages[language];
  if (!wording || content.categoryKeys.length <= 1) return { body: keywordReplyText(content, language), choices: [], format: null };
  const words = choiceWords[language] ?? choiceWords.en!;
  const parts = keywordReplyParts(content, language);
  const said = parts.said.join("\n\n");
  const stop = parts.after;
  const labelOf = (key: string) => wording.categories?.[key]?.label?.trim() || key;
  if (channel === "sms" || options.numbered) {
    const choices = content.categoryKeys.map((key, i) => ({ categoryKey: key, label: labelOf(key), id: String(i + 1), cut: false }));
    const line = words.numbered(choices.map((c) => words.number(Number(c.id), c.label)));
    return { body: [said, line, ...stop].join("\n\n"), choices, format: "numbered" };
  }
  const format: ChoiceFormat = content.categoryKeys.length <= whatsappLimits.buttons ? "buttons" : "list";
  const max = format === "buttons" ? whatsappLimits.buttonTitle : whatsappLimits.rowTitle;
  const choices = content.categoryKeys.map((key) => ({ categoryKey: key, ...cutLabel(labelOf(key), max), id: choiceId(options.versionId ?? "", key) }));
  const body = [said, format === "buttons" ? words.tap : words.list, ...stop].join("\n\n");
  return { body, choices, format, ...(format === "list" ? { listButton: words.listButton } : {}) };
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
