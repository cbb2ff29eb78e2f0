import { ValidationError } from "../errors";

/**
 * PostgreSQL cannot store (or even compare against) NUL characters or lone surrogates: a query carrying one fails
 * with an encoding error. Inputs are checked for them where they enter, so they are refused as bad input with the
 * field named, never reach a query and never become a 500.
 */
export function findUnstorableString(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed() ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      const found = findUnstorableString(key, path) ?? findUnstorableString(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Throws the field list error for the first string in `value` that cannot be stored. */
export function assertStorable(value: unknown, fallbackField = "body"): void {
  const unstorable = findUnstorableString(value, "");
  if (unstorable !== null) {
    throw new ValidationError([{ field: unstorable || fallbackField, code: "invalid_string", message: "contains characters that cannot be stored" }]);
  }
}
