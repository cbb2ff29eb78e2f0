import "server-only";
import type { Provider } from "next-auth/providers";
import { getDb } from "../server/app-database";
import { env } from "../env";
import { admitSsoIdentity, type SsoClaims } from "./sso-admission";

/** The provider id: part of the redirect URI an operator registers, `/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

/**
 * Optional single sign-on through any OpenID Connect provider, enabled by OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET. The provider proves the email address; access still comes from membership here
 * (`admitSsoIdentity`), and the session is the same staff session a password gives.
 */
export function oidcProviders(): Provider[] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer: OIDC_ISSUER,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      // Read the claims from the userinfo endpoint: a provider that follows the spec to the letter puts email
      // and email_verified only there, not in the ID token of the code flow.
      idToken: false,
      // PKCE alone protects nothing where a provider ignores it; state and nonce do not depend on the provider.
      checks: ["pkce", "state", "nonce"],
      async profile(claims: SsoClaims & { sub: string }) {
        const admission = await admitSsoIdentity(await getDb(), claims);
        return admission.ok ? { id: claims.sub, assentUserId: admission.userId } : { id: claims.sub, ssoRefusal: admission.reason };
      },
    },
  ];
}

export function oidcEnabled(): boolean {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  return Boolean(OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET);
}
