"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { OptInFormState } from "@/lib/channels/web/opt-in.validation";
import type { Messages } from "@/lib/i18n/messages/en";
import type { CountryOption } from "@/lib/phone/countries";

export type CategoryChoice = {
  key: string;
  label: string;
  description: string;
  example: string;
  frequency: string;
  sentence: string;
};

type Props = {
  /** Where the form posts: the stable `/f/{workspace}/{form}/submit`, or the builder preview's `/preview/…/submit`. */
  action: string;
  /** A refusal sent back to a post without JavaScript (the page read it from its cookie). */
  initialState?: OptInFormState;
  submissionId: string;
  /** The language the page is rendered in: posted back, recorded in the ledger, used for errors. */
  language: string;
  text: Messages["form"];
  /** Shown when the post got no answer the form understands (offline, a proxy's error page). */
  unexpectedText: string;
  categories: CategoryChoice[];
  countries: CountryOption[];
  defaultCountry: string;
  submitLabel: string;
};

/**
 * A plain form posting to a stable address (no server action: its id would change with each deploy, and a page
 * opened before one would fail after it). Without JavaScript the browser posts it and follows the redirect: the
 * receipt, or this page again with the refusal (lib/channels/web/submit.routes.ts). With JavaScript the same
 * address is asked for JSON, so a refusal shows in place, and the button stays disabled until at least one kind
 * of message is ticked.
 */
export function OptInForm(props: Props) {
  const initial: OptInFormState = props.initialState ?? { fields: {}, values: { phone: "", country: props.defaultCountry, name: "", categories: [] } };
  const [state, setState] = useState(initial);
  const [pending, setPending] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(state.values.categories));
  const [hydrated, setHydrated] = useState(false);
  const [answers, setAnswers] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => setHydrated(true), []);
  // Each refusal moves focus to its summary, so a screen reader announces it and the keyboard starts from there.
  useEffect(() => {
    if (answers > 0) summary.current?.focus();
  }, [answers]);
  const errors = state.fields;
  const t = props.text;

  function toggle(key: string, on: boolean) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  /**
   * The fields stay uncontrolled and are never reset: a refused form keeps everything as the person left it (a
   * sign-up that succeeds leaves the page for its receipt, so there is nothing to clear). Success is a full
   * navigation, which loads the receipt from whichever build is serving by then.
   */
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    setPending(true);
    const failed = (): OptInFormState => ({ message: props.unexpectedText, fields: { form: props.unexpectedText }, values: state.values });
    let next: OptInFormState;
    try {
      const body = new URLSearchParams([...data.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      const response = await fetch(props.action, { method: "POST", body, headers: { accept: "application/json" } });
      const answer = (await response.json().catch(() => null)) as { ok?: boolean; receiptUrl?: string; state?: OptInFormState } | null;
      if (answer?.ok && typeof answer.receiptUrl === "string") {
        window.location.assign(answer.receiptUrl);
        return;
      }
      next = answer?.state ?? failed();
    } catch {
      next = failed();
    }
    setState(next);
    setPending(false);
    setAnswers((n) => n + 1);
  }

  return (
    <form action={props.action} method="post" onSubmit={submit} className="mt-6 space-y-6" noValidate>
      <input type="hidden" name="submissionId" value={props.submissionId} />
      <input type="hidden" name="language" value={props.language} />

      {(errors.form || state.message) && (
        <div ref={summary} tabIndex={-1} role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {errors.form ?? state.message}
        </div>
      )}

      <fieldset aria-describedby={errors.categories ? "categories-error" : undefined}>
        <legend className="text-base font-semibold text-slate-900">{t.chooseHeading}</legend>
        <p className="mt-1 text-sm text-slate-600">{t.chooseHint}</p>
        <FieldError id="categories-error" text={errors.categories} />
        <div className="mt-3 space-y-3">
          {props.categories.map((c) => (
            <label
              key={c.key}
              className="flex cursor-pointer gap-3 rounded-xl border border-slate-300 bg-white p-4 has-[:checked]:border-[color:var(--form-accent)] has-[:checked]:ring-1 has-[:checked]:ring-[color:var(--form-accent)]"
            >
              <input
                type="checkbox"
                name="categories"
                value={c.key}
                defaultChecked={state.values.categories.includes(c.key)}
                onChange={(e) => toggle(c.key, e.target.checked)}
                aria-describedby={`cat-${c.key}-details`}
                className="mt-1 size-5 shrink-0 accent-[var(--form-accent)]"
              />
              <span>
                <span className="block font-semibold text-slate-900">{c.label}</span>
                <span className="mt-0.5 block text-slate-800">{c.sentence}</span>
                <span id={`cat-${c.key}-details`} className="mt-1 block text-sm text-slate-600">
                  {c.description} {c.frequency && <span className="whitespace-nowrap">{c.frequency}.</span>}
                  {c.example && (
                    <span className="mt-1 block italic">
                      {t.forExample} “{c.example}”
                    </span>
                  )}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <label htmlFor="country" className="block font-semibold text-slate-900">
          {t.countryLabel}
        </label>
        <select
          id="country"
          name="country"
          defaultValue={state.values.country}
          autoComplete="country"
          aria-invalid={errors.country ? true : undefined}
          aria-describedby={errors.country ? "country-error" : undefined}
          className="mt-1.5 min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2.5 text-slate-900"
        >
          {props.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} (+{c.callingCode})
            </option>
          ))}
        </select>
        <FieldError id="country-error" text={errors.country} />
      </div>

      <div>
        <label htmlFor="phone" className="block font-semibold text-slate-900">
          {t.phoneLabel}
        </label>
        <p id="phone-hint" className="mt-0.5 text-sm text-slate-600">
          {t.phoneHint}
        </p>
        <input
          id="phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          defaultValue={state.values.phone}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={errors.phone ? "phone-error phone-hint" : "phone-hint"}
          className="mt-1.5 min-h-11 w-full rounded-lg border border-slate-400 px-3 py-2.5 text-slate-900 aria-[invalid]:border-red-600"
        />
        <FieldError id="phone-error" text={errors.phone} />
      </div>

      <div>
        <label htmlFor="name" className="block font-semibold text-slate-900">
          {t.nameLabel} <span className="font-normal text-slate-600">{t.optional}</span>
        </label>
        <input
          id="name"
          name="name"
          autoComplete="name"
          defaultValue={state.values.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "name-error" : undefined}
          className="mt-1.5 min-h-11 w-full rounded-lg border border-slate-400 px-3 py-2.5 text-slate-900 aria-[invalid]:border-red-600"
        />
        <FieldError id="name-error" text={errors.name} />
      </div>

      {/* Hidden from people and assistive technology; bots fill every field. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor="company_url">Leave this empty</label>
        <input id="company_url" name="company_url" tabIndex={-1} autoComplete="off" />
      </div>

      <button
        type="submit"
        disabled={pending || (hydrated && chosen.size === 0)}
        className="w-full rounded-lg bg-[color:var(--form-accent)] px-5 py-3 text-base font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? t.submitting : props.submitLabel}
      </button>
      {hydrated && chosen.size === 0 && <p className="-mt-4 text-center text-sm text-slate-600">{t.chooseToContinue}</p>}
    </form>
  );
}

/** A field's error, referenced from the field by aria-describedby. */
function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="mt-1.5 text-sm font-medium text-red-700">
      {text}
    </p>
  );
}
