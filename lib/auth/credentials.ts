import "server-only";
import type { DbOrTx } from "../db/client";
import { findUserByEmail } from "../data/users";
import { hitRateLimit, peekRateLimit } from "../rate-limit/limit";
import { sha256Hex } from "../ledger/canonical";
import { hashPassword, verifyPassword } from "./password";

// Failures only are counted, so people who type their password right are never slowed down.
const perAccount = { name: "sign-in-fail-account", limit: 5, windowSeconds: 900 };
const perIp = { name: "sign-in-fail-ip", limit: 30, windowSeconds: 900 };

export type CredentialCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password. Unknown emails cost the same argon2 work as known ones, so response time does
 * not tell which addresses have accounts; the answer for a wrong email and a wrong password is the same.
 */
export async function checkCredentials(
  db: DbOrTx,
  input: { email: string; password: string; ip?: string },
): Promise<CredentialCheck> {
  const accountKey = sha256Hex(input.email.trim().toLowerCase());
  const ipKey = input.ip ?? "unknown";
  const [account, ip] = await Promise.all([peekRateLimit(db, perAccount, accountKey), peekRateLimit(db, perIp, ipKey)]);
  if (!account.allowed || !ip.allowed) {
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(account.retryAfterSeconds, ip.retryAfterSeconds) };
  }
  const user = await findUserByEmail(db, input.email);
  dummyHash ??= hashPassword("not-a-real-password");
  const good = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (user && good && !user.disabledAt) return { ok: true, userId: user.id };
  await Promise.all([hitRateLimit(db, perAccount, accountKey), hitRateLimit(db, perIp, ipKey)]);
  return { ok: false, reason: "invalid" };
}
