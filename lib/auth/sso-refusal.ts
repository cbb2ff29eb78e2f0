/** Why single sign-on turned someone away; carried to the sign-in page as `?error=`. */
export type SsoRefusal = "unverified_email" | "not_invited" | "deactivated";

const messages: Record<SsoRefusal, string> = {
  unverified_email:
    "Single sign-on did not sign you in: your identity provider did not confirm your email address, so it cannot be matched to an Assent account.",
  not_invited:
    "Single sign-on did not sign you in: there is no Assent account or open invitation for your email address. Ask an owner or admin of your workspace to invite you.",
  deactivated: "Single sign-on did not sign you in: your Assent account is deactivated. Ask an owner or admin of your workspace.",
};

/** The sentence for the sign-in page; Auth.js's own codes (a provider that failed, a cancelled sign-in) get a general one. */
export function ssoErrorMessage(code: string): string {
  return Object.hasOwn(messages, code) ? messages[code as SsoRefusal] : "Single sign-on did not complete. Try again, or sign in with your password.";
}
