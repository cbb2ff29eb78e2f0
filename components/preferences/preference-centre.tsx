import { LanguageSwitcher } from "@/components/public/language-switcher";
import { PublicPage } from "@/components/public/public-page";
import { pageTheme } from "@/lib/forms/theme";
import type { PreferenceCentre, PreferenceState } from "@/lib/preferences/queries";
import { maskPhone } from "@/lib/public-pages/receipts.queries";
import { businessNumberText } from "@/lib/phone/display";
import { categoryTextIn, consentSentenceIn } from "@/lib/forms/localized";
import type { Messages } from "@/lib/i18n/messages/en";
import type { PreferenceNotice } from "@/lib/preferences/change.validation";

type Props = {
  centre: PreferenceCentre;
  language: string;
  available: string[];
  messages: Messages;
  submissionId: string;
  notice: PreferenceNotice | undefined;
  /** The stable address every change posts to, `/p/{token}/submit` (lib/preferences/change.routes.ts). */
  action: string;
  hrefFor: (language: string) => string;
};

const badge: Record<PreferenceState, string> = {
  opted_in: "bg-emerald-100 text-emerald-900",
  opted_out: "bg-slate-200 text-slate-800",
  never: "bg-white text-slate-700 ring-1 ring-inset ring-slate-300",
};

/**
 * The preference centre: every category with its state, a change per category, and stop-everything in one
 * step. Plain forms posting to a stable address (not a server action, whose id changes with each deploy), so it
 * works without JavaScript and from a page opened before a deploy; the answer is a redirect back to this page.
 */
export function PreferenceCentreView({ centre, language, available, messages, submissionId, notice, action, hrefFor }: Props) {
  const m = messages.preferences;
  const business = centre.workspace.businessName;
  const content = centre.version?.content;
  const anyOptedIn = centre.categories.some((c) => c.state === "opted_in");
  const noticeText =
    notice && { saved: m.saved, stopped: m.savedStopped, nothing: m.nothingToStop, stale: m.stale, too_many: m.tooMany, invalid: m.invalid }[notice];
  const good = notice === "saved" || notice === "stopped";

  // No field is called "action": such a control shadows form.action, which progressive enhancement relies on.
  function hidden(fields: Record<string, string>) {
    return (
      <>
        <input type="hidden" name="submissionId" value={submissionId} />
        <input type="hidden" name="language" value={language} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      </>
    );
  }

  return (
    <PublicPage
      language={language}
      businessName={business}
      theme={pageTheme(centre.version?.content.theme, centre.workspace.brandColor)}
      switcher={<LanguageSwitcher label={messages.languageSwitcher} current={language} available={available} hrefFor={hrefFor} />}
    >
      <h1 className="text-2xl font-bold leading-tight text-slate-900 sm:text-3xl">{m.heading(business)}</h1>
      <p className="mt-2 text-slate-700">{m.intro(maskPhone(centre.phone))}</p>

      {noticeText && (
        <p
          role="status"
          className={`mt-4 rounded-lg border p-3 text-sm font-medium ${good ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
        >
          {noticeText}
        </p>
      )}

      <ul className="mt-6 space-y-3">
        {centre.categories.map((c) => {
          const text = categoryTextIn(content, language, c);
          const sentence = c.retiredAt ? undefined : consentSentenceIn(content, language, c.key);
          return (
            <li key={c.key} className="rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="font-semibold text-slate-900">{text.label}</h2>
                <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${badge[c.state]}`}>{m.state[c.state]}</span>
              </div>
              {(text.description || text.frequency) && (
                <p className="mt-1 text-sm text-slate-600">
                  {text.description} {text.frequency && <span className="whitespace-nowrap">{text.frequency}.</span>}
                </p>
              )}
              {c.state === "opted_in" ? (
                <form method="post" action={action} className="mt-3">
                  {hidden({ change: "opt_out", category: c.key })}
                  <button
                    type="submit"
                    className="min-h-11 w-full rounded-lg border border-slate-400 bg-white px-4 py-2.5 font-semibold text-slate-900 hover:bg-slate-100 sm:w-auto"
                  >
                    {m.stop}
                  </button>
                </form>
              ) : sentence ? (
                <form method="post" action={action} className="mt-3">
                  {hidden({ change: "opt_in", category: c.key })}
                  <p className="text-sm text-slate-700">
                    {m.resumeSentence} <span className="font-medium text-slate-900">“{sentence}”</span>
                  </p>
                  <button
                    type="submit"
                    className="mt-2 min-h-11 w-full rounded-lg border border-[color:var(--form-accent)] bg-white px-4 py-2.5 font-semibold text-[color:var(--form-accent)] hover:bg-slate-50 sm:w-auto"
                  >
                    {c.state === "never" ? m.subscribe : m.resume}
                  </button>
                </form>
              ) : (
                <p className="mt-3 text-sm text-slate-600">{m.noWording}</p>
              )}
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="stop-all" className="mt-8 rounded-xl border border-red-200 bg-white p-4">
        <h2 id="stop-all" className="font-semibold text-slate-900">
          {m.stopAllHeading}
        </h2>
        {anyOptedIn ? (
          <form method="post" action={action} className="mt-2">
            {hidden({ change: "opt_out_all" })}
            <p className="text-sm text-slate-600">{m.stopAllText}</p>
            <button type="submit" className="mt-3 min-h-11 w-full rounded-lg bg-red-700 px-4 py-2.5 font-semibold text-white hover:bg-red-800 sm:w-auto">
              {m.stopAll(business)}
            </button>
          </form>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{m.nothingToStop}</p>
        )}
      </section>

      <p className="mt-6 text-sm text-slate-600">{m.howToStop(business, businessNumberText(centre.workspace.whatsappNumber))}</p>
    </PublicPage>
  );
}
