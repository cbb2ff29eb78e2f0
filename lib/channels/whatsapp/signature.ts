import { createHmac } from "node:crypto";
import { sameSecret } from "../../security/digest";

/** Meta's X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the raw body bytes, keyed with the app secret. */
export function metaSignature(body: Uint8Array, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/** Checked on the bytes as received, before any parsing: re-serialised JSON would not match. */
export function verifyMetaSignature(body: Uint8Array, header: string | null, appSecret: string): boolean {
  if (!header) return false;
  return sameSecret(header.trim().toLowerCase(), metaSignature(body, appSecret));
}
