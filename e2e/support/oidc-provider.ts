/**
 * A local OpenID Connect provider for the single sign-on spec: panva's oidc-provider (OpenID certified), with
 * one client (this app), the identities of sso-identities.ts and the library's development login page, which
 * takes any password. Run by Playwright as a web server; TEST_IDP_REDIRECT_URI is the app's callback.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { ssoIdentities, testIdp } from "./sso-identities";

const redirectUri = process.env.TEST_IDP_REDIRECT_URI;
if (!redirectUri) throw new Error("TEST_IDP_REDIRECT_URI (the app's /api/auth/callback/oidc) is not set");

const byLogin = new Map(Object.values(ssoIdentities).map((identity) => [identity.login, identity]));
const scope = "openid email profile";

// Like a company's provider set up for its own apps: no consent screen, the client gets what it asks for.
async function grantWithoutConsent(ctx: KoaContextWithOIDC) {
  const { client, session, provider } = ctx.oidc;
  const grantId = session?.grantIdFor(client!.clientId);
  if (grantId) return provider.Grant.find(grantId);
  const grant = new provider.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
  grant.addOIDCScope(scope);
  await grant.save();
  return grant;
}

const configuration: Configuration = {
  clients: [
    {
      client_id: testIdp.clientId,
      client_secret: testIdp.clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // Fresh keys each start: nothing outlives the test run.
  jwks: { keys: [generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" })] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  loadExistingGrant: grantWithoutConsent,
  async findAccount(_ctx, login) {
    const identity = byLogin.get(login);
    if (!identity) return undefined;
    return {
      accountId: login,
      claims: () => ({ sub: login, email: identity.email, email_verified: identity.emailVerified, name: identity.name }),
    };
  },
};

new Provider(testIdp.issuer, configuration).listen(testIdp.port, "127.0.0.1", () => {
  console.log(`test identity provider at ${testIdp.issuer}`);
});
