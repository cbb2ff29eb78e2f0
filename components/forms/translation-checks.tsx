import { formLanguageNames, isFormLanguage } from "@/lib/forms/languages";
import { fieldLabel, type TranslationDrift } from "@/lib/forms/translation-drift";

type Props = {
  drift: TranslationDrift[];
  categories: { key: string; label: string }[];
  readOnly: boolean;
  /** Confirm (true) or take back (false) the flag with this key; saved with the draft. */
  onChange: (key: string, confirmed: boolean) => void;
};

const langName = (l: string) => (isFormLanguage(l) ? formLanguageNames[l] : l);

/**
 * The fields flagged "check the translation" (changed in one language since the live version, left as they were
 * in another), each with a way to say the translation still says the same. A confirmation holds for the wording
 * it was given against: a later change to the changed language's field flags it again (driftKey).
 */
export function TranslationChecks({ drift, categories, readOnly, onChange }: Props) {
  if (drift.length === 0) return null;
  const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key;
  return (
    <section aria-labelledby="translation-checks-heading" className="space-y-2 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm">
      <h2 id="translation-checks-heading" className="font-semibold text-slate-900">
        Check the translation
      </h2>
      <p className="text-slate-700">Changed in one language since the live version, and not in these. Edit each, or confirm it still says the same.</p>
      <ul className="space-y-2">
        {drift.map((d) => (
          <li key={d.key} className="flex flex-wrap items-center justify-between gap-2">
            <span className={d.confirmed ? "text-slate-600" : "text-amber-950"}>
              {langName(d.language)}, {fieldLabel(d.field, label)}
              <span className="text-slate-600"> (changed in {d.changedIn.map(langName).join(" and ")})</span>
              {d.confirmed && <span className="font-medium text-emerald-800"> · confirmed</span>}
            </span>
            {!readOnly && (
              <button
                type="button"
                onClick={() => onChange(d.key, !d.confirmed)}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
              >
                {d.confirmed ? "Undo" : "Translation still right"}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
