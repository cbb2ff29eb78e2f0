import "server-only";
import type { Provider } from "next-auth/providers";
import { getDb } from "../db/app-db";
import { findUserByEmail } from "../data/users";
import { env } from "../env";

/**
 * Optional single sign-on through any OpenID Connect provider, enabled by OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET. The provider proves the email address; access still comes from membership here, so a
 * person must have been invited (or created by the CLI) before SSO lets them in.
 */
export function oidcProviders(): Provider[] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer: OIDC_ISSUER,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      async profile(profile: { sub: string; email?: string; email_verified?: boolean; name?: string }) {
        const user = profile.email && profile.email_verified !== false ? await findUserByEmail(await getDb(), profile.email) : undefined;
        const active = user && !user.disabledAt ? user : undefined;
        return { id: profile.sub, email: profile.email, name: profile.name, assentUserId: active?.id };
      },
    },
  ];
}

export function oidcEnabled(): boolean {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  return Boolean(OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET);
}
