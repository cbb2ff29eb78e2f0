import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

export type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical | undefined };

/**
 * A deterministic JSON encoding (keys sorted, no whitespace, undefined members dropped), in the spirit of
 * RFC 8785, so anyone can recompute a hash from the stored fields with a few lines in any language.
 * Numbers must be safe integers: floats have more than one spelling across languages.
 */
export function canonicalJson(value: Canonical): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson: ${value} is not a safe integer`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => member(k, value[k] as Canonical)).join(",")}}`;
}

function member(key: string, value: Canonical): string {
  return `${JSON.stringify(key)}:${canonicalJson(value)}`;
}

/**
 * canonicalJson of `value` with the members named in `later` filled in afterwards. Everything else is encoded
 * now, so most of the work can be done before a lock is taken.
 */
export function canonicalTemplate<K extends string>(
  value: { [key: string]: Canonical | undefined },
  later: readonly K[],
): (fill: Record<K, Canonical>) => string {
  const isLater = (k: string): k is K => (later as readonly string[]).includes(k);
  const keys = [...Object.keys(value).filter((k) => value[k] !== undefined && !isLater(k)), ...later].sort();
  const encoded = keys.map((k) => (isLater(k) ? null : member(k, value[k] as Canonical)));
  return (fill) => `{${keys.map((k, i) => encoded[i] ?? member(k, fill[k as K])).join(",")}}`;
}

/**
 * Each salt as a key object: HMAC takes one about a quarter faster than the string, and a bulk check digests
 * thousands of numbers a request. A workspace's salt never changes; the map is emptied if many are seen.
 */
const saltKeys = new Map<string, KeyObject>();

function saltKey(salt: string): KeyObject {
  let key = saltKeys.get(salt);
  if (!key) {
    if (saltKeys.size >= 1000) saltKeys.clear();
    key = createSecretKey(Buffer.from(salt, "utf8"));
    saltKeys.set(salt, key);
  }
  return key;
}

/** Salted digest of one piece of personal data: HMAC-SHA256 keyed with the workspace's ledger salt. */
export function personalDigest(salt: string, kind: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  return createHmac("sha256", saltKey(salt)).update(`${kind}\u0000${value}`).digest("hex");
}
