import { LanguageSwitcher } from "@/components/public/language-switcher";
import { PublicPage } from "@/components/public/public-page";
import type { ReceiptRecord } from "@/lib/public-pages/receipts.queries";
import { categoryTextIn } from "@/lib/forms/localized";
import { pageTheme } from "@/lib/forms/theme";
import type { Messages } from "@/lib/i18n/messages/en";
import { businessNumberText, displayPhone } from "@/lib/phone/display";
import { LocalTime } from "@/components/public/local-time";

type Props = {
  receipt: ReceiptRecord;
  language: string;
  available: string[];
  messages: Messages;
  hrefFor: (language: string) => string;
  /** The person's preference-centre address, when this view may show it. */
  preferencesHref: string | null;
  /** A wa.me link carrying the one-time confirmation code, for double opt-in. */
  confirmHref: string | null;
  brandColor: string;
};

/**
 * What the person agreed to, from which business, when, and how to change or stop it. The consent sentences
 * are shown exactly as agreed, in the language they were shown in, even when the page chrome is in another.
 */
export function ReceiptView({ receipt, language, available, messages, hrefFor, preferencesHref, confirmHref, brandColor }: Props) {
  const m = messages.receipt;
  const when = new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(receipt.occurredAt);
  const agreedWording = receipt.content?.languages[receipt.language];
  const howToStop = receipt.content?.languages[language]?.howToStop ?? agreedWording?.howToStop;
  // In full, with its country: a number read in the wrong country or mistyped must be noticed here, not masked.
  const phone = receipt.phone ? displayPhone(receipt.phone, language) : null;
  const businessNumber = businessNumberText(receipt.whatsappNumber);
  return (
    <PublicPage
      language={language}
      businessName={receipt.businessName}
      theme={pageTheme(receipt.content?.theme, brandColor)}
      switcher={<LanguageSwitcher label={messages.languageSwitcher} current={language} available={available} hrefFor={hrefFor} />}
    >
      <h1 className="text-2xl font-bold leading-tight text-slate-900 sm:text-3xl">{m.heading}</h1>
      <section aria-labelledby="number-label" className="mt-4 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="number-label" className="text-sm font-normal text-slate-600">
          {m.numberLabel}
        </h2>
        {phone ? (
          <p className="mt-0.5 text-xl font-semibold text-slate-900">
            {/* Digits stay left to right and in one piece whatever the page's language and width. */}
            <bdi dir="ltr" className="whitespace-nowrap" data-testid="receipt-phone">
              {phone.number}
            </bdi>{" "}
            {phone.country && <span className="whitespace-nowrap font-normal text-slate-700">({phone.country})</span>}
          </p>
        ) : (
          <p className="mt-0.5 text-slate-700">{m.numberErased}</p>
        )}
        {phone && preferencesHref && <p className="mt-2 text-sm text-slate-600">{m.notYours}</p>}
      </section>
      <p className="mt-4 text-slate-700">
        {m.agreed(when, receipt.businessName)}
        <LocalTime at={receipt.occurredAt.toISOString()} language={language} label={m.localTime} />
      </p>
      {receipt.erasedAt && (
        <p role="status" className="mt-3 rounded-lg border border-slate-300 bg-slate-50 p-3 text-slate-800">
          {m.erased}
        </p>
      )}
      <ul className="mt-4 space-y-3">
        {receipt.items.map((item) => {
          const sentence = agreedWording?.consent[item.category.key];
          const text = categoryTextIn(receipt.content, language, item.category);
          return (
            <li key={item.category.key} className="rounded-xl border border-slate-200 bg-white p-4">
              <p className="font-semibold text-slate-900">{text.label}</p>
              {sentence && (
                <p className="mt-1 text-slate-700" lang={receipt.language}>
                  “{sentence}”
                </p>
              )}
              {text.frequency && <p className="mt-1 text-sm text-slate-600">{m.howOften(text.frequency)}</p>}
            </li>
          );
        })}
      </ul>

      {confirmHref && (
        <section aria-labelledby="confirm-heading" className="mt-6 rounded-xl border border-emerald-300 bg-emerald-50 p-4">
          <h2 id="confirm-heading" className="font-semibold text-slate-900">
            {m.confirmHeading}
          </h2>
          <p className="mt-1 text-slate-700">{m.confirmText(receipt.businessName)}</p>
          <a
            href={confirmHref}
            rel="noreferrer"
            className="mt-3 inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-[#0b6b3a] px-5 py-3 font-semibold text-white sm:w-auto"
          >
            {m.confirmButton}
          </a>
        </section>
      )}

      <section aria-labelledby="preferences-heading" className="mt-6">
        <h2 id="preferences-heading" className="font-semibold text-slate-900">
          {m.preferencesHeading}
        </h2>
        {preferencesHref && (
          <>
            <p className="mt-1 text-slate-700">{m.preferencesText}</p>
            <a
              href={preferencesHref}
              className="mt-3 inline-flex min-h-11 items-center rounded-lg border border-slate-400 bg-white px-4 py-2.5 font-semibold text-[color:var(--form-accent)] underline-offset-2 hover:underline"
            >
              {m.preferencesLink}
            </a>
          </>
        )}
        {businessNumber && (
          <p className="mt-3 text-slate-700" data-testid="receipt-business-number">
            {m.fromNumber(receipt.businessName, businessNumber)}
          </p>
        )}
        {howToStop && <p className="mt-1 text-slate-700">{howToStop}</p>}
      </section>

      <p className="mt-8 break-words text-xs text-slate-600">
        {m.recordLabel} {receipt.items.map((i) => i.hash.slice(0, 12)).join(", ")}. {m.keepAddress}
      </p>
    </PublicPage>
  );
}
