/**
 * Whether a string is a UUID in PostgreSQL's canonical text form. Ids from URLs and forms are checked with this
 * before they reach a `uuid` column: PostgreSQL rejects a malformed one with an error (a 500), where the user
 * should get "not found".
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
