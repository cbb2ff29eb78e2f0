"use client";
import type { UseFormRegister, UseFormSetValue } from "react-hook-form";
import { controlClass } from "@/components/ui/field";
import { MIN_TEXT_CONTRAST } from "@/lib/workspace/contrast";
import { defaultBackground, themeContrasts } from "@/lib/forms/channel-policy";
import { ivrScriptLines } from "@/lib/forms/channel-wording";
import type { FormVersionContent } from "@/lib/db/schema/form-content";
import { formFieldLabels, themeFieldLabels, wordingFieldLabels } from "@/lib/forms/field-labels";
import { CopyField } from "./copy-field";

/** The builder's state as react-hook-form holds it (mirrors form-builder.tsx). */
export type BuilderState = { name: string; embedDomains: string; content: FormVersionContent; translationChecks: string[] };
type State = BuilderState;
type FieldError = (path: string) => string | undefined;

function ErrorText({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {text}
    </p>
  ) : null;
}

/** The opt-in keyword of an SMS or WhatsApp form: editable in the draft, live once published. */
export function KeywordField({ register, fieldError, live }: { register: UseFormRegister<State>; fieldError: FieldError; live: string | null }) {
  const error = fieldError("content.keyword");
  return (
    <div>
      <label htmlFor="builder-keyword" className="block text-sm font-medium text-slate-800">
        {formFieldLabels.keyword}
      </label>
      <p id="builder-keyword-hint" className="text-sm text-slate-500">
        One word, e.g. JOIN. Not STOP, START or HELP. {live ? `${live} stays live until you publish.` : "It goes live when you publish."}
      </p>
      <input
        id="builder-keyword"
        {...register("content.keyword", { setValueAs: (v: string) => (v ?? "").trim().toUpperCase() || undefined })}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "builder-keyword-hint builder-keyword-error" : "builder-keyword-hint"}
        className={`${controlClass} max-w-xs font-mono uppercase`}
      />
      <ErrorText id="builder-keyword-error" text={error} />
    </div>
  );
}

/** A form's own accent and background, with the contrast each text on the pages will have. */
export function ThemeFields({ content, setValue, brandColor }: { content: FormVersionContent; setValue: UseFormSetValue<State>; brandColor: string }) {
  const theme = content.theme;
  const set = (field: "accent" | "background", value: string) => {
    const next = { accent: theme?.accent ?? brandColor, background: theme?.background ?? defaultBackground, [field]: value.trim().toLowerCase() };
    setValue("content.theme", next, { shouldDirty: true });
  };
  const valid = (v: string | undefined) => Boolean(v && /^#[0-9a-f]{6}$/.test(v));
  const contrasts = theme && valid(theme.accent) && valid(theme.background) ? themeContrasts(theme.accent, theme.background) : [];
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{formFieldLabels.theme}</legend>
      <label className="mt-1 flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="h-4 w-4"
          checked={Boolean(theme)}
          onChange={(e) =>
            setValue("content.theme", e.target.checked ? { accent: brandColor, background: defaultBackground } : undefined, { shouldDirty: true })
          }
        />
        Use this form’s own colours (otherwise the brand colour from Settings)
      </label>
      {theme && (
        <div className="mt-2 space-y-2">
          <div className="flex flex-wrap gap-4">
            {(["accent", "background"] as const).map((field) => (
              <div key={field}>
                <label htmlFor={`builder-theme-${field}`} className="block text-sm text-slate-700">
                  {field === "accent" ? `${themeFieldLabels.accent} (button, business name, links)` : themeFieldLabels.background}
                </label>
                <div className="mt-1 flex items-center gap-2">
                  <input
                    type="color"
                    aria-label={`Pick the ${field} colour`}
                    value={valid(theme[field]) ? theme[field] : "#000000"}
                    onChange={(e) => set(field, e.target.value)}
                    className="h-10 w-12 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
                  />
                  <input
                    id={`builder-theme-${field}`}
                    value={theme[field]}
                    onChange={(e) => set(field, e.target.value)}
                    spellCheck={false}
                    autoComplete="off"
                    className="block w-28 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-base text-slate-900"
                  />
                </div>
              </div>
            ))}
          </div>
          <ul className="text-sm">
            {contrasts.map((c) => (
              <li key={c.what} className={c.ratio >= MIN_TEXT_CONTRAST ? "text-slate-600" : "font-medium text-red-700"}>
                {c.ratio >= MIN_TEXT_CONTRAST ? "✓" : "✗"} {c.what}: {(Math.floor(c.ratio * 100) / 100).toFixed(2)}:1
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}

/**
 * The IVR menu: its opening in this language, the key for yes per category, the script as it will be read, and
 * the version id the IVR system sends with each call it records (POST /api/v1/consents, docs/channels.md).
 */
export function IvrFields({
  register,
  content,
  lang,
  categories,
  liveVersionId,
}: {
  register: UseFormRegister<State>;
  content: FormVersionContent;
  lang: string;
  categories: { key: string; label: string }[];
  liveVersionId: string | null;
}) {
  const lines = ivrScriptLines(content, lang);
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 p-4">
      <div>
        <label htmlFor={`ivr-intro-${lang}`} className="block text-sm font-medium text-slate-800">
          {wordingFieldLabels.ivrIntro}
        </label>
        <p id={`ivr-intro-${lang}-hint`} className="text-sm text-slate-500">
          Read first: who is calling and why. Then each kind of message is read with its key, then how to stop.
        </p>
        <textarea
          id={`ivr-intro-${lang}`}
          rows={2}
          {...register(`content.languages.${lang}.ivrIntro` as never)}
          aria-describedby={`ivr-intro-${lang}-hint`}
          className={controlClass}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{formFieldLabels.ivrKeys} (all languages)</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-3">
          {content.categoryKeys.map((key) => (
            <label key={key} className="text-sm text-slate-700">
              {categories.find((c) => c.key === key)?.label ?? key}
              <select {...register(`content.ivrKeys.${key}` as never)} className={controlClass}>
                <option value="">Choose…</option>
                {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <p className="text-sm font-medium text-slate-800">The menu as it will be read</p>
        <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: read-only lines that may repeat; none keeps state of its own
            <li key={i}>{line}</li>
          ))}
        </ol>
      </div>
      {liveVersionId ? (
        <CopyField
          label="Version id for the IVR's API calls"
          hint="Your IVR system sends it as formVersionId with each call it records. It is the live version's: publishing makes a new one."
          value={liveVersionId}
        />
      ) : (
        <p className="text-sm text-slate-600">Publish to get the version id your IVR system sends with each call it records.</p>
      )}
    </div>
  );
}
