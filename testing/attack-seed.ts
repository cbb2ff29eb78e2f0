/**
 * Seeds a fresh PostgreSQL database for the fuzz and security suites (e2e/specs/fuzz.spec.ts, e2e/specs/security.spec.ts) and
 * prints what they need as one JSON line. Run with `tsx --conditions=react-server` (the lib modules are
 * server-only) and the same AUTH_SECRET as the server, which unseals the channel secrets stored here.
 *
 * Two workspaces, each with a published web form, a contact with a preference link, an API key, a webhook
 * endpoint and an owner who can sign in; the first also has WhatsApp and Twilio connected.
 */
import { runWorkspaceAction } from "../lib/handlers/workspace-action";
import { createApiKey } from "../lib/api-keys/keys";
import { upsertMember } from "../lib/auth/users";
import { append } from "../lib/ledger/append";
import { issuePreferenceToken } from "../lib/preferences/tokens";
import { saveSmsChannel, saveWhatsAppChannel } from "../lib/channels/settings.actions";
import { createWebhookEndpoint } from "../lib/webhooks/actions";
import { createTestDatabase } from "./databases";
import { createLedgerFixture, webOptIn, type LedgerFixture } from "./fixtures";
import { testPhoneNumberId } from "./meta-cloud";
import { signedInMember, testMeta } from "./staff";
import { allScopes } from "./api-client";
import { attackOwnerPassword, attackSecrets, type AttackSeed, type SeededWorkspace } from "./attack-seed-data";

const db = await createTestDatabase("postgres");
if (!db.url) throw new Error("the attack seed needs TEST_DATABASE_URL");

async function seedWorkspace(slug: string, phone: string, withChannels: boolean): Promise<SeededWorkspace> {
  const fx: LedgerFixture = await createLedgerFixture(db.db, slug);
  const admin = await signedInMember(db.db, fx.workspace.id, "admin");
  const act = async (def: Parameters<typeof runWorkspaceAction>[0], input: Record<string, unknown>) => {
    const result = await runWorkspaceAction(def, db.db, admin, testMeta, { workspace: slug, ...input });
    if (!result.ok) throw new Error(`${def.name}: ${result.message}`);
    return result;
  };
  if (withChannels) {
    await act(saveWhatsAppChannel, { phoneNumberId: testPhoneNumberId, appSecret: attackSecrets.metaAppSecret, accessToken: "" });
    await act(saveSmsChannel, { authToken: attackSecrets.twilioAuthToken });
  }
  const endpoint = await act(createWebhookEndpoint, { url: "https://hooks.example.com/assent", description: "CRM", topics: ["consent.opt_out"] });
  const receipt = await append(db.db, webOptIn(fx, phone, { categories: ["orders", "offers"] }));
  const preferenceToken = await issuePreferenceToken(db.db, fx.workspace.id, receipt.contactId);
  const apiKey = await createApiKey(db.db, { workspaceId: fx.workspace.id, name: "attack", scopes: allScopes });
  const owner = { email: `owner@${slug}.test`, password: attackOwnerPassword };
  await upsertMember(db.db, { workspaceId: fx.workspace.id, role: "owner", name: `Owner of ${slug}`, ...owner });
  return {
    slug,
    formSlug: "join",
    formId: fx.formVersion.formId,
    formVersionId: fx.formVersion.id,
    categoryIds: fx.categories.map((c) => c.id),
    contactId: receipt.contactId,
    contactPhone: phone,
    preferenceToken,
    apiKey: apiKey.key,
    apiKeyId: apiKey.id,
    webhookEndpointId: String(endpoint.data?.id),
    owner,
  };
}

const seed: AttackSeed = {
  databaseUrl: db.url,
  a: await seedWorkspace("attack-a", "+12015550161", true),
  b: await seedWorkspace("attack-b", "+12015550162", false),
};
await db.close();
console.log(JSON.stringify(seed));
