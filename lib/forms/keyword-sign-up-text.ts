import { messagesFor } from "../i18n/languages";
import { displayPhone } from "../phone/display";

type SignUp = { channel: "sms" | "whatsapp"; keyword: string; number: string | null; businessName: string };

/**
 * What a keyword form's address says in `language`: the heading, the sentence naming the keyword and the number,
 * and a link that opens the person's messages with the keyword typed in (none while no number is set). `call` is
 * the short imperative a poster or share page leads with ("Text JOIN to +1 415 555 0100"), null without a number.
 */
export function keywordSignUpText(language: string, { channel, keyword, number, businessName }: SignUp) {
  const m = messagesFor(language).notFound;
  // Kept on one line: a number broken after its country code reads as two.
  const shown = number ? displayPhone(number, language).number.replaceAll(" ", "\u00a0") : null;
  const body = encodeURIComponent(keyword);
  return {
    heading: m.keywordHeading,
    text: shown ? (channel === "sms" ? m.keywordSms : m.keywordWhatsApp)(businessName, keyword, shown) : m.keywordNoNumber(businessName, keyword),
    call: shown ? (channel === "sms" ? m.keywordCallSms : m.keywordCallWhatsApp)(keyword, shown) : null,
    link: number
      ? {
          href: channel === "whatsapp" ? `https://wa.me/${number.replace(/\D/g, "")}?text=${body}` : `sms:${number}?body=${body}`,
          label: channel === "sms" ? m.keywordOpenSms : m.keywordOpenWhatsApp,
        }
      : null,
    stop: m.stopText,
  };
}
