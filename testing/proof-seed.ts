/**
 * Prepares the database of a proof suite (crash, races, scale-out) before its app processes start, since PGlite
 * allows one process per data directory. Run with `tsx --conditions=react-server`, with DATABASE_URL or DATA_DIR
 * and the AUTH_SECRET the app will use (channel secrets are sealed with it). Prints one JSON line: a workspace
 * with three categories, a hosted web form with double opt-in, WhatsApp connected, and API keys; given a URL, an
 * outgoing webhook endpoint for opt-ins there. Arguments: the number of API keys, then the optional URL.
 */
import { eq } from "drizzle-orm";
import { runWorkspaceAction } from "../lib/handlers/workspace-action";
import { openAppDatabase } from "../lib/db/app-db";
import { workspaces } from "../lib/db/schema/workspaces";
import { createForm, publishFormVersion } from "../lib/forms/publish";
import { defaultEnglishWording } from "../lib/forms/wording";
import { createWebhookEndpoint } from "../lib/webhooks/actions";
import { testApiKey } from "./api-client";
import { createLedgerFixture } from "./fixtures";
import { signedInMember, testMeta } from "./staff";
import { connectWhatsAppWithoutReplies } from "./whatsapp-channel";

export type ProofSeed = {
  workspace: string;
  /** A web form without confirmation, and one that asks for it on WhatsApp. */
  form: string;
  confirmForm: string;
  categories: string[];
  apiKeys: string[];
  appSecret: string;
};

const proofAppSecret = "meta-app-secret-for-proof-suites";

const apiKeyCount = Number(process.argv[2] ?? 1);
const webhookUrl = process.argv[3];
const handle = await openAppDatabase();
try {
  const fx = await createLedgerFixture(handle.db, "proof");
  // The receipt offers "Confirm on WhatsApp" only when the business has a WhatsApp number.
  await handle.db.update(workspaces).set({ whatsappNumber: "+14155550100" }).where(eq(workspaces.id, fx.workspace.id));
  const form = await createForm(handle.db, fx.workspace.id, { slug: "confirm", name: "Confirm", channel: "web" });
  await publishFormVersion(handle.db, fx.workspace.id, form.id, {
    businessName: fx.workspace.businessName,
    privacyPolicyUrl: null,
    defaultLanguage: "en",
    categoryKeys: fx.categories.map((c) => c.key),
    askConfirmation: true,
    languages: { en: defaultEnglishWording(fx.workspace.businessName, fx.categories) },
  });
  const admin = await signedInMember(handle.db, fx.workspace.id, "admin");
  await connectWhatsAppWithoutReplies(handle.db, admin, fx.workspace.slug, proofAppSecret);
  if (webhookUrl) {
    const endpoint = await runWorkspaceAction(createWebhookEndpoint, handle.db, admin, testMeta, {
      workspace: fx.workspace.slug,
      url: webhookUrl,
      description: "proof suite receiver",
      topics: ["consent.opt_in"],
    });
    if (!endpoint.ok) throw new Error(`webhook endpoint: ${endpoint.message}`);
  }
  const apiKeys: string[] = [];
  for (let i = 0; i < apiKeyCount; i++) apiKeys.push(await testApiKey(handle.db, fx.workspace.id));
  const seed: ProofSeed = {
    workspace: fx.workspace.slug,
    form: "join",
    confirmForm: "confirm",
    categories: fx.categories.map((c) => c.key),
    apiKeys,
    appSecret: proofAppSecret,
  };
  console.log(JSON.stringify(seed));
} finally {
  await handle.close();
}
