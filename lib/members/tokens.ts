import "server-only";
import { randomBytes } from "node:crypto";
import { sha256Hex } from "../ledger/canonical";

/** A link token: 32 random bytes for the URL, and the SHA-256 that is all the database keeps. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256Hex(token) };
}

export function linkTokenHash(token: string): string | null {
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? sha256Hex(token) : null;
}
