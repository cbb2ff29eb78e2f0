/**
 * A FormData as a plain object for zod: a name sent once gives a string, a name sent several times (checkboxes)
 * gives an array, and names listed in `arrays` are always arrays, so one ticked box is not mistaken for a string.
 * Files are left out: actions that take uploads read them from the FormData themselves.
 */
export function formDataToObject(data: FormData, arrays: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of arrays) out[name] = [];
  for (const [name, value] of data.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else out[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * A server action's FormData argument as received. Actions are public endpoints: a client can post any
 * arguments (React's reply encoding lets it send a number, or nothing, where the form data should be), so an
 * argument that is not a FormData is treated as an empty form, which the action's validation then refuses.
 */
export function receivedFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
