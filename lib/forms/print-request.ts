import { z } from "zod";
import { fieldErrorsFrom } from "../validation/field-errors";
import { ValidationError } from "../errors";
import type { PaperSize } from "../exports/print-layout";

/** `?size=a4|letter&lang=xx` of a poster or paper-form download; the form's default language when lang is absent. */
const printQuerySchema = z.object({
  size: z.enum(["a4", "letter"], { message: "Choose size=a4 or size=letter." }).default("a4"),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Use a language code such as en, es or pt-BR.")
    .optional(),
});

export function parsePrintQuery(url: string): { size: PaperSize; lang: string | undefined } {
  const params = new URL(url).searchParams;
  const parsed = printQuerySchema.safeParse({ size: params.get("size") || undefined, lang: params.get("lang") || undefined });
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error);
    throw new ValidationError(fields, fields[0]!.message);
  }
  return { size: parsed.data.size, lang: parsed.data.lang };
}
