import type { FormVersionContent } from "../db/schema/form-content";
import type { FieldError } from "../errors";
import { keywordReply, smsSegments, whatsappLimits } from "./channel-wording";

/**
 * What a keyword form's reply costs on its channel, for the keyword builder's counter and the save and publish
 * checks. Pure: the builder runs it in the browser, the actions on the server.
 */

/**
 * WhatsApp's limit on the body of an interactive message, the kind that carries quick-reply buttons (a plain text
 * may run to 4,096). A keyword reply is held to it so the same wording can be sent with buttons.
 */
export const MAX_WHATSAPP_REPLY_BODY = whatsappLimits.body;

export type ReplyLength =
  | { channel: "sms"; units: number; encoding: "GSM-7" | "UCS-2"; segments: number }
  | { channel: "whatsapp"; characters: number; max: number; over: boolean };

export function replyLength(channel: "sms" | "whatsapp", text: string): ReplyLength {
  if (channel === "sms") return { channel, ...smsSegments(text) };
  // UTF-16 code units, as WhatsApp counts them: an emoji takes two.
  return { channel, characters: text.length, max: MAX_WHATSAPP_REPLY_BODY, over: text.length > MAX_WHATSAPP_REPLY_BODY };
}

export const whatsappReplyTooLong = (characters: number) =>
  `The reply has ${characters.toLocaleString("en")} characters; WhatsApp allows ${MAX_WHATSAPP_REPLY_BODY.toLocaleString("en")} in a message with buttons. Shorten it.`;

/** Field errors for replies a WhatsApp keyword form could not send: one per language, on that language's reply. */
export function replyLimitErrors(channel: string, content: FormVersionContent): FieldError[] {
  if (channel !== "whatsapp") return [];
  return Object.keys(content.languages).flatMap((lang) => {
    // The body as sent: with several categories it carries the line that asks people to tap a choice.
    const length = replyLength("whatsapp", keywordReply(content, lang, "whatsapp").body);
    return length.channel === "whatsapp" && length.over
      ? [{ field: `content.languages.${lang}.reply`, code: "too_long", message: whatsappReplyTooLong(length.characters) }]
      : [];
  });
}
