import type { TextareaHTMLAttributes } from "react";
import { controlClass, FieldFrame } from "@/components/ui/field";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; id: string; error?: string; hint?: string };

/** A labelled textarea with its hint and error wired to it, like Field. */
export function TextAreaField({ label, name, id, error, hint, className, ...input }: Props) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(aria) => <textarea name={name} rows={2} {...aria} className={controlClass} {...input} />}
    </FieldFrame>
  );
}
