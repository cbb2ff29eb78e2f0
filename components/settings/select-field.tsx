import type { SelectHTMLAttributes } from "react";
import { controlClass, FieldFrame } from "@/components/ui/field";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  id: string;
  options: { value: string; label: string }[];
  error?: string;
  hint?: string;
};

/** A labelled select with its hint and error wired to it, like Field. */
export function SelectField({ label, name, id, options, error, hint, className, ...select }: Props) {
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
