import { PublicPage } from "@/components/public/public-page";
import { messagesFor } from "@/lib/i18n/languages";
import { displayPhone } from "@/lib/phone/display";

type Props = { language: string; channel: "sms" | "whatsapp"; keyword: string; number: string | null; businessName: string };

/** The link that opens the person's messages with the keyword typed in (wa.me for WhatsApp, sms: for SMS). */
function composeHref(channel: "sms" | "whatsapp", number: string, keyword: string): string {
  const body = encodeURIComponent(keyword);
  return channel === "whatsapp" ? `https://wa.me/${number.replace(/\D/g, "")}?text=${body}` : `sms:${number}?body=${body}`;
}

/**
 * The not-found page at a keyword form's address (it has no web page): who asks, the keyword and the number to
 * send it to, and a link that starts the message, so someone who typed the address still finds the way in.
 */
export function KeywordSignUpNotFound({ language, channel, keyword, number, businessName }: Props) {
  const m = messagesFor(language).notFound;
  const shown = number ? displayPhone(number, language).number : null;
  const text = shown ? (channel === "sms" ? m.keywordSms : m.keywordWhatsApp)(businessName, keyword, shown) : m.keywordNoNumber(businessName, keyword);
  return (
    <PublicPage language={language} businessName={businessName}>
      <h1 className="text-2xl font-bold leading-tight text-slate-900">{m.keywordHeading}</h1>
      <p className="mt-3 text-slate-700">{text}</p>
      {number && (
        <p className="mt-4">
          <a
            href={composeHref(channel, number, keyword)}
            className="inline-block rounded-xl bg-[color:var(--form-accent)] px-5 py-3 font-semibold text-white underline-offset-2 hover:underline"
          >
            {channel === "sms" ? m.keywordOpenSms : m.keywordOpenWhatsApp}
          </a>
        </p>
      )}
      <p className="mt-4 rounded-xl border border-slate-200 bg-white p-4 text-slate-800">{m.stopText}</p>
    </PublicPage>
  );
}
