import { LanguageSwitcher } from "@/components/public/language-switcher";
import { PublicPage } from "@/components/public/public-page";
import { keywordSignUpText } from "@/lib/forms/keyword-sign-up-text";
import { messagesFor } from "@/lib/i18n/languages";
import type { NotFoundSwitcher } from "@/lib/public-pages/pages";

type Props = {
  language: string;
  channel: "sms" | "whatsapp";
  keyword: string;
  number: string | null;
  businessName: string;
  /** The form's languages, as on its other pages. */
  switcher: NotFoundSwitcher;
};

/**
 * The not-found page at a keyword form's address (it has no web page): who asks, the keyword and the number to
 * send it to, and a link that starts the message, so someone who typed the address still finds the way in. In
 * the form's language that suits the visitor, with the switcher to its others.
 */
export function KeywordSignUpNotFound({ language, businessName, switcher, ...signUp }: Props) {
  const t = keywordSignUpText(language, { ...signUp, businessName });
  return (
    <PublicPage
      language={language}
      businessName={businessName}
      switcher={<LanguageSwitcher label={messagesFor(language).languageSwitcher} current={language} {...switcher} />}
    >
      <h1 className="text-2xl font-bold leading-tight text-slate-900">{t.heading}</h1>
      <p className="mt-3 text-slate-700">{t.text}</p>
      {t.link && (
        <p className="mt-4">
          <a
            href={t.link.href}
            className="inline-block rounded-xl bg-[color:var(--form-accent)] px-5 py-3 font-semibold text-white underline-offset-2 hover:underline"
          >
            {t.link.label}
          </a>
        </p>
      )}
      <p className="mt-4 rounded-xl border border-slate-200 bg-white p-4 text-slate-800">{t.stop}</p>
    </PublicPage>
  );
}
