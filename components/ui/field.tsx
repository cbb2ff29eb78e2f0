import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** The look every text input, select and textarea shares. */
export const controlClass =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid]:border-red-500";

type ControlAria = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
type FrameProps = { id: string; label: string; hint?: ReactNode; error?: string; className?: string; children: (aria: ControlAria) => ReactNode };

/** A label, hint and error around one control, wired to it for screen readers. */
export function FieldFrame({ id, label, hint, error, className, children }: FrameProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-500">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: ReactNode };

/** A labelled input with its hint and error. */
export function Field({ label, name, error, hint, className, ...input }: Props) {
  return (
    <FieldFrame id={input.id ?? `field-${name}`} label={label} hint={hint} error={error} className={className}>
      {(aria) => <input name={name} {...aria} className={controlClass} {...input} />}
    </FieldFrame>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  id: string;
  options: { value: string; label: string }[];
  error?: string;
  hint?: string;
};

/** A labelled select with its hint and error, like Field. */
export function SelectField({ label, name, id, options, error, hint, className, ...select }: SelectProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(aria) => (
        <select name={name} {...aria} className={controlClass} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; id: string; error?: string; hint?: string };

/** A labelled textarea with its hint and error, like Field. */
export function TextAreaField({ label, name, id, error, hint, className, ...input }: TextAreaProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(aria) => <textarea name={name} rows={2} {...aria} className={controlClass} {...input} />}
    </FieldFrame>
  );
}
