import "server-only";
import type { DbOrTx } from "../db/client";
import { findUserByEmail } from "./users";
import { claimRateLimits, type RateLimitRule } from "../rate-limit/limit";
import { sha256Hex } from "../security/digest";
import { hashPassword, verifyPassword } from "./password";

/**
 * Wrong passwords are limited three ways. The lock is per account AND address: five from one address lock that
 * address out of that account, so a stranger elsewhere can lock only themselves out, never the owner. Per address,
 * thirty over any accounts (someone walking a list). Per account from all addresses, a slower backoff: fifty an
 * hour, which a stranger cannot reach from one address (its pair locks at five) and which still caps guessing
 * spread over many addresses. A right password gives its slot back, so people who type it right are never slowed.
 */
export const signInLimits = {
  accountAddress: { name: "sign-in-fail-account-ip", limit: 5, windowSeconds: 900 },
  address: { name: "sign-in-fail-ip", limit: 30, windowSeconds: 900 },
  account: { name: "sign-in-fail-account-global", limit: 50, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimitRule>;

export type CredentialCheck = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password. The attempt claims its place under every limit before the password is looked at
 * (lib/rate-limit/limit.ts claimRateLimits), so a burst of concurrent guesses gets exactly the limit evaluated.
 * Unknown emails cost the same argon2 work as known ones, so response time does not tell which addresses have
 * accounts; the answer for a wrong email and a wrong password is the same.
 */
export async function checkCredentials(db: DbOrTx, input: { email: string; password: string; ip?: string; now?: Date }): Promise<CredentialCheck> {
  const accountKey = sha256Hex(input.email.trim().toLowerCase());
  const ipKey = input.ip ?? "unknown";
  // Always in this order (claimRateLimits waits on rows in the order given).
  const claim = await claimRateLimits(
    db,
    [
      { rule: signInLimits.accountAddress, subject: `${accountKey}:${ipKey}` },
      { rule: signInLimits.address, subject: ipKey },
      { rule: signInLimits.account, subject: accountKey },
    ],
    input.now,
  );
  if (!claim.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: claim.retryAfterSeconds };
  const user = await findUserByEmail(db, input.email);
  dummyHash ??= hashPassword("not-a-real-password");
  const good = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (user && good && !user.disabledAt) {
    await claim.release();
    return { ok: true, userId: user.id };
  }
  return { ok: false, reason: "invalid" };
}
