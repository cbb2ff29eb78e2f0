import { createHmac } from "node:crypto";
import { sameSecret } from "../../security/digest";

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio called
 * followed by every POST parameter sorted by name, each as name then value with nothing between.
 */
export function twilioSignature(url: string, params: Iterable<[string, string]>, authToken: string): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + sorted.map(([k, v]) => k + v).join("");
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

export function verifyTwilioSignature(url: string, params: Iterable<[string, string]>, header: string | null, authToken: string): boolean {
  if (!header) return false;
  return sameSecret(header.trim(), twilioSignature(url, params, authToken));
}
