import type { OptInFormState } from "@/lib/channels/web.validation";
import type { PublishedForm } from "@/lib/data/forms";
import { countryOptions } from "@/lib/phone/countries";
import { OptInForm, type CategoryChoice } from "./opt-in-form";

type Props = {
  form: PublishedForm;
  submissionId: string;
  action: (state: OptInFormState, data: FormData) => Promise<OptInFormState>;
};

/** The hosted opt-in page: who is asking, for what, how often and how to stop, before anything is ticked. */
export function OptInPage({ form, submissionId, action }: Props) {
  const { workspace, version } = form;
  const language = version.content.defaultLanguage;
  const wording = version.content.languages[language]!;
  const categories: CategoryChoice[] = form.categories.map((c) => ({
    key: c.key,
    label: c.label,
    description: c.description,
    example: c.example,
    frequency: c.frequency,
    sentence: wording.consent[c.key] ?? "",
  }));
  return (
    <div className="min-h-dvh bg-slate-50">
      <main className="mx-auto max-w-xl px-4 py-6 sm:py-10">
        <p className="text-sm font-semibold uppercase tracking-wide" style={{ color: workspace.brandColor }}>
          {workspace.businessName}
        </p>
        <h1 className="mt-1 text-2xl font-bold leading-tight text-slate-900 sm:text-3xl">{wording.headline}</h1>
        {wording.benefits.length > 0 && (
          <ul className="mt-4 space-y-1.5 text-slate-700">
            {wording.benefits.map((b) => (
              <li key={b} className="flex gap-2">
                <span aria-hidden="true" className="text-brand-700">✓</span>
                {b}
              </li>
            ))}
          </ul>
        )}
        <OptInForm
          action={action}
          submissionId={submissionId}
          language={language}
          categories={categories}
          countries={countryOptions(language)}
          defaultCountry={workspace.defaultCountry}
          submitLabel={wording.submitLabel}
          brandColor={workspace.brandColor}
        />
        <footer className="mt-6 space-y-2 text-sm text-slate-600">
          <p>{wording.howToStop}</p>
          <p>
            Messages come from {workspace.legalName} on WhatsApp. Message frequency varies by the kinds you choose.
            {version.content.privacyPolicyUrl && (
              <>
                {" "}
                Read the{" "}
                <a href={version.content.privacyPolicyUrl} className="font-medium text-brand-800 underline">
                  privacy policy
                </a>
                .
              </>
            )}
          </p>
        </footer>
      </main>
    </div>
  );
}
