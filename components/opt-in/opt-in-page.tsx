import type { OptInFormState } from "@/lib/channels/web/opt-in.validation";
import type { PublishedForm } from "@/lib/forms/queries";
import { categoryTextIn } from "@/lib/forms/localized";
import type { Messages } from "@/lib/i18n/messages/en";
import { pageTheme } from "@/lib/forms/theme";
import { countryOptions } from "@/lib/phone/countries";
import { businessNumberText } from "@/lib/phone/display";
import { LanguageSwitcher } from "@/components/public/language-switcher";
import { PublicPage } from "@/components/public/public-page";
import { OptInForm, type CategoryChoice } from "./opt-in-form";

type Props = {
  form: PublishedForm;
  language: string;
  available: string[];
  messages: Messages;
  defaultCountry: string;
  submissionId: string;
  action: string;
  /** A refusal sent back to a post without JavaScript. */
  initialState?: OptInFormState;
  hrefFor: (language: string) => string;
};

/** The hosted opt-in page: who is asking, for what, how often and how to stop, before anything is ticked. */
export function OptInPage({ form, language, available, messages, defaultCountry, submissionId, action, initialState, hrefFor }: Props) {
  const { workspace, version } = form;
  const wording = version.content.languages[language]!;
  const categories: CategoryChoice[] = form.categories.map((c) => ({
    key: c.key,
    ...categoryTextIn(version.content, language, c),
    sentence: wording.consent[c.key] ?? "",
  }));
  return (
    <PublicPage
      language={language}
      businessName={workspace.businessName}
      theme={pageTheme(version.content.theme, workspace.brandColor)}
      switcher={<LanguageSwitcher label={messages.languageSwitcher} current={language} available={available} hrefFor={hrefFor} />}
    >
      <h1 className="text-2xl font-bold leading-tight text-slate-900 sm:text-3xl">{wording.headline}</h1>
      {wording.intro && <p className="mt-2 text-slate-700">{wording.intro}</p>}
      {wording.benefits.length > 0 && (
        <ul className="mt-4 space-y-1.5 text-slate-700">
          {wording.benefits.map((b) => (
            <li key={b} className="flex gap-2">
              <span aria-hidden="true" className="text-[color:var(--form-accent)]">
                ✓
              </span>
              {b}
            </li>
          ))}
        </ul>
      )}
      <OptInForm
        action={action}
        initialState={initialState}
        unexpectedText={messages.errors.unexpected}
        submissionId={submissionId}
        language={language}
        text={messages.form}
        categories={categories}
        countries={countryOptions(language)}
        defaultCountry={defaultCountry}
        submitLabel={wording.submitLabel}
      />
      <footer className="mt-6 space-y-2 text-sm text-slate-600">
        {/* Who and which number first, then how to stop: "reply STOP" means something once the number is known. */}
        <p data-testid="messages-from">
          {messages.page.messagesFrom(workspace.legalName, businessNumberText(workspace.whatsappNumber))}
          {version.content.privacyPolicyUrl && (
            <>
              {" "}
              <a href={version.content.privacyPolicyUrl} className="font-medium text-[color:var(--form-accent)] underline">
                {messages.page.privacyPolicy}
              </a>
            </>
          )}
        </p>
        <p>{wording.howToStop}</p>
      </footer>
    </PublicPage>
  );
}
