import { PublicPage } from "@/components/public/public-page";
import { messagesFor } from "@/lib/i18n/languages";

type Props = { language: string; kind: "form" | "preferences" | "receipt" };

/** Not found, in the visitor's language, and what to do instead: STOP always works on WhatsApp. */
export function PublicNotFound({ language, kind }: Props) {
  const m = messagesFor(language).notFound;
  const text = { form: m.formText, preferences: m.preferencesText, receipt: m.receiptText }[kind];
  return (
    <PublicPage language={language}>
      <h1 className="text-2xl font-bold leading-tight text-slate-900">{m.heading}</h1>
      <p className="mt-3 text-slate-700">{text}</p>
      <p className="mt-4 rounded-xl border border-slate-200 bg-white p-4 text-slate-800">{m.stopText}</p>
    </PublicPage>
  );
}
