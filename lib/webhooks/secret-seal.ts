import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { loadSecrets } from "../secrets";

/**
 * Endpoint signing secrets must be readable to sign with, so unlike API keys they cannot be stored as hashes.
 * They are sealed with AES-256-GCM under a key derived from AUTH_SECRET, so a copy of the database alone does
 * not let anyone forge deliveries. Changing AUTH_SECRET means rotating every endpoint's secret.
 */
/**
 * What a sealed value is for: each gets its own derived key, so a value sealed for one use cannot be opened as
 * another (channel and endpoint secrets share the first; dead-lettered inbound items carry personal data; a refused
 * hosted-form post carries what the person typed back to the form in a cookie, lib/channels/web/refusal-cookie.ts).
 */
export type SealPurpose = "webhook-signing-secret" | "inbound-dead-letter" | "hosted-form-refusal";

/** Derived keys by purpose, with the AUTH_SECRET they came from: HKDF on every webhook's secret cost a visible share of its CPU. */
const derived = new Map<SealPurpose, { from: string; key: Buffer }>();

function sealKey(purpose: SealPurpose): Buffer {
  const { authSecret } = loadSecrets();
  const known = derived.get(purpose);
  if (known?.from === authSecret) return known.key;
  const key = Buffer.from(hkdfSync("sha256", authSecret, "", `assent/${purpose}`, 32));
  derived.set(purpose, { from: authSecret, key });
  return key;
}

export function sealSecret(secret: string, purpose: SealPurpose = "webhook-signing-secret"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(purpose), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function openSecret(sealed: string, purpose: SealPurpose = "webhook-signing-secret"): string {
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !data || !tag) throw new Error("Unknown sealed-secret format");
  const decipher = createDecipheriv("aes-256-gcm", sealKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
