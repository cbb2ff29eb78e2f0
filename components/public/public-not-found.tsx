import { LanguageSwitcher } from "@/components/public/language-switcher";
import { PublicPage } from "@/components/public/public-page";
import { messagesFor } from "@/lib/i18n/languages";
import type { RetiredPreferenceLink } from "@/lib/preferences/tokens";
import type { NotFoundSwitcher } from "@/lib/public-pages/pages";

type Props = { language: string; kind: "form" | "preferences" | "receipt"; retired?: RetiredPreferenceLink; switcher: NotFoundSwitcher };

/**
 * Not found, in the visitor's language, and what to do instead: STOP always works on WhatsApp. A preference link
 * that once worked says why it no longer does (replaced by a newer one, or the data erased) and names the business.
 * The switcher offers every language the pages speak, as no form says which.
 */
export function PublicNotFound({ language, kind, retired, switcher }: Props) {
  const messages = messagesFor(language);
  const m = messages.notFound;
  const text = retired
    ? { replaced: m.preferencesReplacedText, erased: m.preferencesErasedText }[retired.reason](retired.businessName)
    : { form: m.formText, preferences: m.preferencesText, receipt: m.receiptText }[kind];
  return (
    <PublicPage
      language={language}
      businessName={retired?.businessName}
      switcher={<LanguageSwitcher label={messages.languageSwitcher} current={language} {...switcher} />}
    >
      <h1 className="text-2xl font-bold leading-tight text-slate-900">{retired ? m.retiredLinkHeading : m.heading}</h1>
      <p className="mt-3 text-slate-700">{text}</p>
      <p className="mt-4 rounded-xl border border-slate-200 bg-white p-4 text-slate-800">{m.stopText}</p>
    </PublicPage>
  );
}
