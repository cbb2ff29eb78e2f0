"use client";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/use-validated-action";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import type { FormVersionContent } from "@/lib/db/schema/form-content";
import { categoryFieldLabels, formFieldLabels, wordingFieldLabels } from "@/lib/forms/field-labels";
import { formLanguageNames, formLanguages, type FormLanguage } from "@/lib/forms/languages";
import { nothingChangedMessage } from "@/lib/forms/nothing-changed";
import { checkFormPolicy } from "@/lib/forms/policy";
import { translationDrift } from "@/lib/forms/translation-drift";
import { starterWording } from "@/lib/forms/wording-templates";
import { hasWebPage } from "@/lib/forms/web-page";
import { IvrFields, ThemeFields } from "./channel-fields";
import { type BusinessNumber, KeywordReply, KeywordSetup } from "./keyword-builder";
import { PolicyPanel } from "./policy-panel";
import { TranslationChecks } from "./translation-checks";
import { FormPreview } from "./form-preview";

export type BuilderCategory = { key: string; label: string; description: string; example: string; frequency: string };
type State = { name: string; embedDomains: string; content: FormVersionContent; translationChecks: string[] };
type Props = {
  workspace: string;
  formId: string;
  channel: string;
  businessName: string;
  /** The workspace's brand colour: the accent a form without colours of its own is drawn in. */
  brandColor: string;
  /** False for a WhatsApp form while no reply can be sent (no access token): the policy check says what is recorded. */
  canReply?: boolean;
  /** The workspace's WhatsApp number (E.164), shown on the hosted pages; null when none is set. */
  whatsappNumber: string | null;
  /** The keyword people can send now (the published one), for SMS and WhatsApp forms. */
  liveKeyword: string | null;
  /** SMS and WhatsApp forms: the number people send the keyword to, or where to set it. */
  businessNumber?: BusinessNumber;
  /** The live version's id: what an IVR system's API calls carry as formVersionId. */
  liveVersionId: string | null;
  categories: BuilderCategory[];
  /** What the workspace's other forms call each category, by language: a language added here starts from them. */
  translations: Record<string, Record<string, Omit<BuilderCategory, "key">>>;
  /** The live version (its number and wording), for the check that flags a field changed in one language only. */
  live: { version: number; content: FormVersionContent } | null;
  /** The live version's number while publishing the saved draft would make an identical version (the server's digest comparison). */
  unchangedSince: number | null;
  initial: { name: string; embedDomains: string[]; content: FormVersionContent; translationChecks: string[] };
  save: FormAction;
  publish: FormAction;
  readOnly: boolean;
};

const AUTOSAVE_MS = 1200;

/** The save and publish actions answer the live version's number when the saved draft equals it. */
const sinceFrom = (result: ActionResult) => (result.ok && typeof result.data?.unchangedSince === "number" ? result.data.unchangedSince : null);

/**
 * The form builder: the wording per language, the categories, the policy check live beside it, and a preview
 * of the saved draft at phone and desktop width. Edits save themselves a moment after typing stops, so the
 * preview (the real page, rendered by the server) follows along.
 */
export function FormBuilder(props: Props) {
  const { businessName, categories } = props;
  const form = useForm<State>({
    defaultValues: {
      name: props.initial.name,
      embedDomains: props.initial.embedDomains.join("\n"),
      content: props.initial.content,
      translationChecks: props.initial.translationChecks,
    },
  });
  const { register, control, getValues, setValue } = form;
  const values = useWatch({ control }) as State;
  const content = values.content;
  const chosenLanguages = formLanguages.filter((l) => content.languages?.[l]);
  const [active, setActive] = useState<FormLanguage>(chosenLanguages[0] ?? "en");
  const lang = content.languages?.[active] ? active : (chosenLanguages[0] ?? "en");
  const confirmed = values.translationChecks;
  const checks = useMemo(
    () =>
      checkFormPolicy(content, {
        businessName,
        categories,
        channel: props.channel,
        brandColor: props.brandColor,
        canReply: props.canReply,
        whatsappNumber: props.whatsappNumber,
        live: props.live,
        translationChecks: confirmed,
      }),
    [content, businessName, categories, props.channel, props.brandColor, props.canReply, props.whatsappNumber, props.live, confirmed],
  );
  const drift = useMemo(() => translationDrift(props.live?.content, content, confirmed), [props.live, content, confirmed]);
  const keywordChannel = props.channel === "sms" || props.channel === "whatsapp" ? props.channel : null;
  // A keyword or IVR form is a conversation or a script: its web fields (headline, button, page preview) appear
  // only when it has a web page (a keyword form whose marketer asked for one).
  const webFields = hasWebPage(props.channel, content);
  const [saveResult, setSaveResult] = useState<ActionResult | null>(null);
  const [publishResult, setPublishResult] = useState<ActionResult | null>(null);
  const [savedAt, setSavedAt] = useState(() => Date.now());
  const [unchangedSince, setUnchangedSince] = useState(props.unchangedSince);
  const [pending, startTransition] = useTransition();
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // A refused save or publish marks its fields: publishing checks what a draft may hold (the reply agreeing with
  // the poster, lib/forms/reply-agreement.ts).
  const fieldError = (path: string) => [saveResult, publishResult].flatMap((r) => (r && !r.ok ? r.fields : [])).find((f) => f.field === path)?.message;

  async function save(): Promise<boolean> {
    clearTimeout(timer.current);
    dirty.current = false;
    const state = getValues();
    const data = new FormData();
    data.set("workspace", props.workspace);
    data.set("formId", props.formId);
    const embedDomains = state.embedDomains.split(/\s+/).filter(Boolean);
    // Only confirmations that still answer a flag are kept: one made against wording since changed is dropped.
    const translationChecks = translationDrift(props.live?.content, state.content, state.translationChecks)
      .filter((d) => d.confirmed)
      .map((d) => d.key);
    data.set("payload", JSON.stringify({ name: state.name, embedDomains, content: state.content, translationChecks }));
    const result = await props.save(null, data);
    setSaveResult(result);
    if (result.ok) setSavedAt(Date.now());
    // Only while nothing was typed meanwhile: the answer is about the draft as sent.
    if (result.ok && !dirty.current) setUnchangedSince(sinceFrom(result));
    return result.ok;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the subscription is made once; save reads the latest values through getValues
  useEffect(() => {
    if (props.readOnly) return;
    const subscription = form.watch(() => {
      dirty.current = true;
      // The draft changed: a refusal was about the draft as it was (the policy panel beside it is live), and
      // whether it differs from the live version is known again once it is saved.
      setPublishResult((r) => (r && !r.ok ? null : r));
      setUnchangedSince(null);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => startTransition(async () => void (await save())), AUTOSAVE_MS);
    });
    return () => subscription.unsubscribe();
  }, []);

  function toggleLanguage(l: FormLanguage, on: boolean) {
    const languages = { ...getValues("content.languages") };
    if (on)
      languages[l] = starterWording(
        l,
        businessName,
        categories.filter((c) => getValues("content.categoryKeys").includes(c.key)),
        props.translations[l],
      );
    else delete languages[l];
    setValue("content.languages", languages, { shouldDirty: true });
    if (on) setActive(l);
    if (!on && getValues("content.defaultLanguage") === l) setValue("content.defaultLanguage", (Object.keys(languages)[0] ?? "en") as FormLanguage);
  }

  function toggleCategory(key: string, on: boolean) {
    const keys = getValues("content.categoryKeys");
    const next = on ? categories.map((c) => c.key).filter((k) => k === key || keys.includes(k)) : keys.filter((k) => k !== key);
    setValue("content.categoryKeys", next, { shouldDirty: true });
    if (!on) return;
    // A newly chosen category starts with a consent sentence in every language, naming the business.
    const category = categories.find((c) => c.key === key)!;
    for (const l of Object.keys(getValues("content.languages")) as FormLanguage[]) {
      const starter = starterWording(l, businessName, [category], props.translations[l]);
      if (!getValues(`content.languages.${l}.consent.${key}`)) setValue(`content.languages.${l}.consent.${key}`, starter.consent[key]!);
      if (!getValues(`content.languages.${l}.categories.${key}`)) setValue(`content.languages.${l}.categories.${key}`, starter.categories![key]!);
    }
  }

  function onPublish() {
    startTransition(async () => {
      if (!(await save())) return;
      const data = new FormData();
      data.set("workspace", props.workspace);
      data.set("formId", props.formId);
      const result = await props.publish(null, data);
      setPublishResult(result);
      if (result.ok) setUnchangedSince(sinceFrom(result));
    });
  }

  const text = (path: `content.languages.${string}`, label: string, hint?: string, multiline = false) => {
    const id = path.replace(/[^a-zA-Z0-9]+/g, "-");
    const error = fieldError(path);
    const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
    const Control = multiline ? "textarea" : "input";
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-sm text-slate-500">
            {hint}
          </p>
        )}
        <Control
          id={id}
          {...register(path as never)}
          readOnly={props.readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          rows={multiline ? 2 : undefined}
          className={controlClass}
        />
        {error && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  };

  const base = `content.languages.${lang}` as const;
  const consentLabel = webFields
    ? `${wordingFieldLabels.consent} (next to the checkbox)`
    : keywordChannel
      ? `${wordingFieldLabels.consent} (in the reply, word for word)`
      : `${wordingFieldLabels.consent} (read before its key)`;
  const status = pending ? "Saving…" : saveResult && !saveResult.ok ? saveResult.message : saveResult?.ok ? "All changes saved." : "";

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        <fieldset disabled={props.readOnly} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
          <legend className="sr-only">The form</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="builder-name" className="block text-sm font-medium text-slate-800">
                Name (for your team)
              </label>
              <input id="builder-name" {...register("name")} className={controlClass} aria-invalid={fieldError("name") ? true : undefined} />
              {fieldError("name") && <p className="mt-1 text-sm text-red-700">{fieldError("name")}</p>}
            </div>
            <div>
              <label htmlFor="builder-privacy" className="block text-sm font-medium text-slate-800">
                {formFieldLabels.privacyPolicyUrl}
              </label>
              <input
                id="builder-privacy"
                type="url"
                placeholder="https://…"
                {...register("content.privacyPolicyUrl", { setValueAs: (v: string) => v ?? "" })}
                className={controlClass}
                aria-invalid={fieldError("content.privacyPolicyUrl") ? true : undefined}
              />
              {fieldError("content.privacyPolicyUrl") && <p className="mt-1 text-sm text-red-700">{fieldError("content.privacyPolicyUrl")}</p>}
            </div>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{formFieldLabels.categoryKeys}</legend>
            <p className="text-sm text-slate-500">
              {webFields ? "Each becomes its own unticked checkbox." : "Each is agreed to separately."} Manage the list in Settings, Message categories.
            </p>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {categories.map((c) => (
                <label
                  key={c.key}
                  className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={content.categoryKeys?.includes(c.key) ?? false}
                    onChange={(e) => toggleCategory(c.key, e.target.checked)}
                  />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Languages</legend>
            <div className="mt-2 flex flex-wrap gap-2">
              {formLanguages.map((l) => (
                <label
                  key={l}
                  className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input type="checkbox" className="h-4 w-4" checked={Boolean(content.languages?.[l])} onChange={(e) => toggleLanguage(l, e.target.checked)} />
                  <span lang={l}>{formLanguageNames[l]}</span>
                </label>
              ))}
            </div>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor="builder-default-language" className="block text-sm font-medium text-slate-800">
                  {formFieldLabels.defaultLanguage}
                </label>
                <select id="builder-default-language" {...register("content.defaultLanguage")} className={controlClass}>
                  {chosenLanguages.map((l) => (
                    <option key={l} value={l}>
                      {formLanguageNames[l]}
                    </option>
                  ))}
                </select>
              </div>
              {webFields && (
                <label className="flex items-start gap-2 self-end rounded-lg border border-slate-200 p-3 text-sm">
                  <input type="checkbox" className="mt-0.5 h-4 w-4" {...register("content.askConfirmation")} />
                  <span>
                    <span className="block font-medium text-slate-900">{formFieldLabels.askConfirmation}</span>
                    <span className="text-slate-600">Double opt-in: the receipt offers a button that sends a one-time code to your number.</span>
                  </span>
                </label>
              )}
            </div>
          </fieldset>
          {keywordChannel && props.businessNumber && (
            <KeywordSetup
              channel={keywordChannel}
              register={register}
              fieldError={fieldError}
              liveKeyword={props.liveKeyword}
              business={props.businessNumber}
            />
          )}
          {props.channel === "web" && <ThemeFields content={content} setValue={setValue} brandColor={props.brandColor} />}
          {props.channel === "web" && (
            <div>
              <label htmlFor="builder-embed" className="block text-sm font-medium text-slate-800">
                Sites that may embed the form
              </label>
              <p id="builder-embed-hint" className="text-sm text-slate-500">
                One origin per line, e.g. https://shop.example.com. Leave empty to allow no site to frame it.
              </p>
              <textarea
                id="builder-embed"
                rows={2}
                {...register("embedDomains")}
                aria-describedby="builder-embed-hint"
                className={controlClass}
                aria-invalid={saveResult && !saveResult.ok && saveResult.fields.some((f) => f.field.startsWith("embedDomains")) ? true : undefined}
              />
              {saveResult &&
                !saveResult.ok &&
                saveResult.fields
                  .filter((f) => f.field.startsWith("embedDomains"))
                  .map((f) => (
                    <p key={f.field} className="mt-1 text-sm text-red-700">
                      {f.message}
                    </p>
                  ))}
            </div>
          )}
        </fieldset>

        {chosenLanguages.length > 0 && content.languages?.[lang] && (
          <fieldset disabled={props.readOnly} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
            <legend className="sr-only">Wording in {formLanguageNames[lang]}</legend>
            <div role="tablist" aria-label="Wording per language" className="-mt-1 flex flex-wrap gap-1 border-b border-slate-200">
              {chosenLanguages.map((l) => (
                <button
                  key={l}
                  type="button"
                  role="tab"
                  id={`wording-tab-${l}`}
                  aria-controls={`wording-panel-${l}`}
                  aria-selected={l === lang}
                  onClick={() => setActive(l)}
                  className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${l === lang ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
                >
                  <span lang={l}>{formLanguageNames[l]}</span>
                </button>
              ))}
            </div>
            {/*
              Keyed by language: each tab gets its own inputs. Without the key React kept the same <input>s and only
              renamed them, and react-hook-form writes a value into an input only when it first sees that element, so
              going back to English kept showing the Spanish text, and typing there saved it as English.
            */}
            <div key={lang} id={`wording-panel-${lang}`} role="tabpanel" aria-labelledby={`wording-tab-${lang}`} lang={lang} className="space-y-4">
              {webFields && text(`${base}.headline`, wordingFieldLabels.headline)}
              {webFields && text(`${base}.intro`, `${wordingFieldLabels.intro} (optional)`, undefined, true)}
              {webFields && (
                <Controller
                  control={control}
                  name={`${base}.benefits`}
                  render={({ field }) => (
                    <div>
                      <label htmlFor={`benefits-${lang}`} className="block text-sm font-medium text-slate-800">
                        {wordingFieldLabels.benefits}
                      </label>
                      <p id={`benefits-${lang}-hint`} className="text-sm text-slate-500">
                        One per line: what people gain, e.g. Early access to offers.
                      </p>
                      <textarea
                        id={`benefits-${lang}`}
                        rows={3}
                        aria-describedby={`benefits-${lang}-hint`}
                        className={controlClass}
                        value={(field.value ?? []).join("\n")}
                        onChange={(e) => field.onChange(e.target.value.split("\n"))}
                      />
                    </div>
                  )}
                />
              )}
              {(content.categoryKeys ?? []).map((key) => (
                <fieldset key={key} className="space-y-3 rounded-lg border border-slate-200 p-4">
                  <legend className="px-1 text-sm font-semibold text-slate-900">{categories.find((c) => c.key === key)?.label ?? key}</legend>
                  {text(`${base}.consent.${key}`, consentLabel, `Must name ${businessName || "the business"} and WhatsApp.`, true)}
                  <div className="grid gap-3 sm:grid-cols-2">
                    {text(`${base}.categories.${key}.label`, categoryFieldLabels.label)}
                    {text(`${base}.categories.${key}.frequency`, categoryFieldLabels.frequency)}
                    {text(`${base}.categories.${key}.description`, categoryFieldLabels.description)}
                    {text(`${base}.categories.${key}.example`, categoryFieldLabels.example)}
                  </div>
                </fieldset>
              ))}
              {text(
                `${base}.howToStop`,
                wordingFieldLabels.howToStop,
                webFields ? "Reply STOP, or the preference-centre link on the receipt." : "The word that stops the messages, e.g. reply STOP.",
                true,
              )}
              {webFields && text(`${base}.submitLabel`, wordingFieldLabels.submitLabel)}
              {keywordChannel && props.businessNumber && (
                <KeywordReply
                  channel={keywordChannel}
                  register={register}
                  setValue={setValue}
                  content={content}
                  lang={lang}
                  fieldError={fieldError}
                  business={props.businessNumber}
                  readOnly={props.readOnly}
                />
              )}
              {props.channel === "ivr" && (
                <IvrFields register={register} content={content} lang={lang} categories={categories} liveVersionId={props.liveVersionId} />
              )}
            </div>
          </fieldset>
        )}
      </div>

      {/* Sticky, and scrolling on its own: taller than the screen, its end would be out of reach until the page's. */}
      <div className="space-y-4 xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:self-start xl:overflow-y-auto">
        <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
          <p aria-live="polite" className={`text-sm ${saveResult && !saveResult.ok ? "text-red-700" : "text-slate-600"}`}>
            {props.readOnly ? "Read only." : status || "Changes save as you type."}
          </p>
          {!props.readOnly && (
            <Button
              type="button"
              onClick={onPublish}
              disabled={pending || unchangedSince !== null}
              aria-describedby={unchangedSince !== null ? "publish-unchanged" : undefined}
              className="w-full"
            >
              {pending ? "Working…" : unchangedSince !== null ? "Nothing to publish" : "Publish"}
            </Button>
          )}
          {!props.readOnly && unchangedSince !== null && (
            <p id="publish-unchanged" className="text-sm text-slate-600">
              {nothingChangedMessage(unchangedSince)} Edit the form to publish a new version.
            </p>
          )}
          {publishResult && (
            <Alert tone={publishResult.ok ? "success" : "error"}>
              {publishResult.message}
              {!publishResult.ok && publishResult.fields.length > 0 && (
                <ul className="mt-1 list-disc pl-4">
                  {publishResult.fields.map((f) => (
                    <li key={f.field + f.message}>{f.message}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
        </div>
        <TranslationChecks
          drift={drift}
          categories={categories}
          readOnly={props.readOnly}
          onChange={(key, on) =>
            setValue("translationChecks", on ? [...getValues("translationChecks"), key] : getValues("translationChecks").filter((k) => k !== key), {
              shouldDirty: true,
            })
          }
        />
        <PolicyPanel checks={checks} />
      </div>

      {webFields && (
        <div className="xl:col-span-2">
          <FormPreview src={`/preview/${props.workspace}/${props.formId}?lang=${encodeURIComponent(lang)}&saved=${savedAt}`} />
        </div>
      )}
    </div>
  );
}
