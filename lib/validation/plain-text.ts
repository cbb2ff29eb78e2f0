import { z } from "zod";

/**
 * A one-line or multi-line text a person typed. PostgreSQL cannot store NUL characters, so they are refused as
 * bad input here rather than failing as a database error later.
 */
export function plainText(required: string | null, max: number) {
  const base = z.string().trim();
  return (required ? base.min(1, required) : base)
    .max(max, `Use at most ${max.toLocaleString("en")} characters.`)
    .refine((v) => !v.includes("\u0000") && v.isWellFormed(), "Remove the unusual characters (pasted from another program?).");
}
