import "server-only";
import type { Db } from "../db/client";
import { findUserByEmail } from "./users";
import { joinWithVerifiedEmail } from "./invitation-join";
import type { SsoRefusal } from "./sso-refusal";

export type SsoClaims = { email?: unknown; email_verified?: unknown; name?: unknown };
export type SsoAdmission = { ok: true; userId: string } | { ok: false; reason: SsoRefusal };

/**
 * Who a single sign-on identity is here. Access comes from membership in Assent, never from the provider alone:
 * the verified email must belong to an active account, or have an open invitation (accepted now).
 */
export async function admitSsoIdentity(db: Db, claims: SsoClaims): Promise<SsoAdmission> {
  // A missing email_verified is not a yes: some providers let users or tenant admins set any address, and an
  // unverified match would hand over someone else's account.
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (typeof claims.email !== "string" || !claims.email.includes("@") || !verified) return { ok: false, reason: "unverified_email" };
  const user = await findUserByEmail(db, claims.email);
  if (user) return user.disabledAt ? { ok: false, reason: "deactivated" } : { ok: true, userId: user.id };
  const joined = await joinWithVerifiedEmail(db, { email: claims.email, name: typeof claims.name === "string" ? claims.name : undefined });
  return joined ? { ok: true, userId: joined.userId } : { ok: false, reason: "not_invited" };
}
