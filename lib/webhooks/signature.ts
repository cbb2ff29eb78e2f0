import { createHmac, randomBytes } from "node:crypto";
import { sameSecret } from "../security/digest";

/**
 * Signing as the Standard Webhooks specification (standardwebhooks.com) gives it, so a receiver can verify with
 * that project's libraries in any language: HMAC-SHA256, keyed by the base64 part of a `whsec_` secret, over
 * `${webhook-id}.${webhook-timestamp}.${body}`, sent as `v1,<base64>`; several signatures (during a secret
 * rotation) are separated by spaces. The timestamp inside the signed text is what stops replays.
 */
const PREFIX = "whsec_";

export function generateSigningSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

function sign(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
}

export function signatureHeaders(secrets: string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => `v1,${sign(s, id, timestamp, body)}`).join(" "),
  };
}

export type VerifyInput = { secret: string; headers: Record<string, string | undefined>; body: string; now?: Date; toleranceSeconds?: number };

/** What a receiver does; the tests use it as the business would. */
export function verifySignature({ secret, headers, body, now = new Date(), toleranceSeconds = 300 }: VerifyInput): boolean {
  const id = headers["webhook-id"];
  const timestamp = Number(headers["webhook-timestamp"]);
  const given = headers["webhook-signature"];
  if (!id || !given || !Number.isInteger(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = sign(secret, id, timestamp, body);
  return given.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    if (version !== "v1" || !signature) return false;
    return sameSecret(signature, expected);
  });
}
