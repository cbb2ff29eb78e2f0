import type { z } from "zod";
import type { FieldError } from "../errors";

/** Formats zod issues as the field list every API and form error carries. */
export function fieldErrorsFrom(error: z.ZodError, prefix = ""): FieldError[] {
  const name = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join(".");
  return error.issues.flatMap((issue): FieldError[] =>
    // An unknown field is named itself (its issue's path is the object's), so a misspelt "since" is not a blank field.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ field: name([...issue.path, key]), code: issue.code, message: "is not a field of this request" }))
      : [{ field: name(issue.path), code: issue.code, message: issue.message }],
  );
}

/** The same field list as one message per field, as the forms show it next to each input. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(fieldErrorsFrom(error).map((f) => [f.field, f.message]));
}
