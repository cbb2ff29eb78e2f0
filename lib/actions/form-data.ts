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
