import { e2eAccounts } from "./accounts";
import { e2ePort } from "./ports";

/**
 * The stand-in identity provider of the single sign-on spec, and who it knows. On `localhost` while the app
 * is on 127.0.0.1, so the two are different sites with their own cookies, as a real provider would be.
 * Test-only secret.
 */
export const testIdp = {
  port: e2ePort(3108),
  issuer: `http://localhost:${e2ePort(3108)}`,
  clientId: "assent-e2e",
  clientSecret: "assent e2e client secret, not used anywhere real",
  name: "Test IdP",
} as const;

export type SsoIdentity = { login: string; email: string; emailVerified: boolean; name: string };

/** Identities at the provider, by what they are to Assent; `login` is what one types on its sign-in page. */
export const ssoIdentities = {
  owner: { login: "olivia", email: e2eAccounts.owner.email, emailVerified: true, name: e2eAccounts.owner.name },
  stranger: { login: "sam", email: "sso-stranger@elsewhere.test", emailVerified: true, name: "Sam Stranger" },
  invitee: { login: "ivy", email: "sso-invitee@demo.test", emailVerified: true, name: "Ivy Invitee" },
  deactivated: { login: "dora", email: "sso-deactivated@demo.test", emailVerified: true, name: "Dora Deactivated" },
  // Claims the owner's address without the provider vouching for it.
  unverified: { login: "mallory", email: e2eAccounts.owner.email, emailVerified: false, name: "Mallory" },
} satisfies Record<string, SsoIdentity>;
