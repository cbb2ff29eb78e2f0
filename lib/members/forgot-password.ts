import "server-only";
import type { Db } from "../db/client";
import { insertPasswordReset } from "./queries";
import { findUserByEmail } from "../auth/users";
import { sha256Hex } from "../security/digest";
import { fieldMessages } from "../validation/field-errors";
import type { Mailer } from "../mail/mailer";
import { hitRateLimit } from "../rate-limit/limit";
import type { RequestMeta } from "../server/request-meta";
import { resetValidFor, sendPasswordResetEmail } from "./link-emails";
import { forgotPasswordSchema } from "./members.validation";
import { newLinkToken } from "./tokens";

export type ForgotPasswordState = { message?: string; fields: Record<string, string>; email: string; sent?: boolean };

// Per address so nobody's inbox is flooded; per network so a script cannot walk a list of addresses.
const perEmail = { name: "forgot-password-email", limit: 3, windowSeconds: 3600 };
const perIp = { name: "forgot-password-ip", limit: 10, windowSeconds: 900 };

export const resetRequestedMessage = `If an account exists for that address, we've sent it a link to choose a new password. The link works once, for ${resetValidFor}.`;
export const resetByEmailUnavailable =
  "Password reset by email is not set up here, and reset links are only ever sent to the account's own email. Ask whoever runs Assent for a reset link.";

/**
 * "Forgot password?": the answer is the same whether or not the address has an account, and so is the work done
 * before answering. Looking the account up, storing a link and sending it happen in `later` (Next.js's after()),
 * so neither the words nor the response time tell which addresses have accounts.
 */
export async function requestPasswordReset(
  db: Db,
  meta: RequestMeta,
  input: Record<string, unknown>,
  mailer: Mailer | null,
  later: (task: () => Promise<void>) => void,
): Promise<ForgotPasswordState> {
  const typed = String(input.email ?? "").slice(0, 320);
  if (!mailer) return { fields: {}, email: typed, message: resetByEmailUnavailable };
  try {
    if (!(await hitRateLimit(db, perIp, meta.ip ?? "unknown")).allowed) return tooMany(typed);
    const parsed = forgotPasswordSchema.safeParse(input);
    if (!parsed.success) return { fields: fieldMessages(parsed.error), email: typed };
    const { email } = parsed.data;
    if (!(await hitRateLimit(db, perEmail, sha256Hex(email))).allowed) return tooMany(typed);
    later(() => emailResetLink(db, mailer, email, meta));
    return { fields: {}, email, sent: true, message: resetRequestedMessage };
  } catch (error) {
    console.error(`[forgot password] request ${meta.requestId}`, error);
    return { fields: {}, email: typed, message: `Something went wrong on our side. (Reference ${meta.requestId})` };
  }
}

function tooMany(email: string): ForgotPasswordState {
  return { fields: {}, email, message: "Too many reset requests. Wait an hour and try again, or ask an admin of your workspace." };
}

async function emailResetLink(db: Db, mailer: Mailer, email: string, meta: RequestMeta): Promise<void> {
  try {
    const user = await findUserByEmail(db, email);
    if (!user || user.disabledAt) return;
    const { token, hash, expiresAt } = newLinkToken("reset");
    await insertPasswordReset(db, { userId: user.id, createdBy: null, tokenHash: hash, expiresAt });
    await sendPasswordResetEmail(mailer, { to: user.email, token, expiresAt });
  } catch (error) {
    console.error(`[forgot password] request ${meta.requestId}`, error);
  }
}
