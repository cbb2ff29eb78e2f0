type Option = { value: string; label: string; detail?: string };
type Props = { name: string; legend: string; hint?: string; options: Option[]; error?: string; defaultValues?: readonly string[]; idPrefix: string };

/** A group of checkboxes shown as cards, with the group's error tied to it for screen readers. */
export function CheckboxCards({ name, legend, hint, options, error, defaultValues = [], idPrefix }: Props) {
  const errorId = `${idPrefix}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && <p className="text-sm text-slate-500">{hint}</p>}
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label
            key={o.value}
            className="flex cursor-pointer items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
          >
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={defaultValues.includes(o.value)}
              aria-invalid={error ? true : undefined}
              className="mt-0.5 h-4 w-4 shrink-0"
            />
            <span>
              <span className="block font-medium text-slate-900">{o.label}</span>
              {o.detail && <code className="font-mono text-xs text-slate-500">{o.detail}</code>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
