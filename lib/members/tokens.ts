import "server-only";
import { randomBytes } from "node:crypto";
import { sha256Hex } from "../security/digest";

/** How long links work; the admin's messages and the emails quote these. */
export const INVITATION_DAYS = 7;
export const RESET_HOURS = 24;

const lifetimeMs = { invitation: INVITATION_DAYS * 86_400_000, reset: RESET_HOURS * 3_600_000 };

/** A link token: 32 random bytes for the URL, the SHA-256 that is all the database keeps, and its expiry. */
export function newLinkToken(kind: keyof typeof lifetimeMs): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256Hex(token), expiresAt: new Date(Date.now() + lifetimeMs[kind]) };
}

export function linkTokenHash(token: string): string | null {
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? sha256Hex(token) : null;
}
