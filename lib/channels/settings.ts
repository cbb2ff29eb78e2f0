import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { channelSettings } from "../db/schema/channels";
import { workspaces } from "../db/schema/workspaces";
import { publicBaseUrl } from "../server/urls";
import { openSecret } from "../webhooks/secret-seal";
import { defaultOptOutKeywords } from "./keywords";
import { vocabularyColumn, vocabularyOf, type ChannelVocabulary } from "./vocabulary";

export type ChannelSettingsRow = typeof channelSettings.$inferSelect;

export const newVerifyToken = () => randomBytes(24).toString("base64url");

/** The webhook addresses to paste into Meta and Twilio: on APP_URL, the address the providers can reach. */
export const whatsappWebhookUrl = (slug: string) => `${publicBaseUrl()}/api/webhooks/whatsapp/${encodeURIComponent(slug)}`;
export const smsWebhookUrl = (slug: string) => `${publicBaseUrl()}/api/webhooks/sms/${encodeURIComponent(slug)}`;

/** The workspace's channel settings, made with a fresh verify token and the default keywords on first use. */
export async function ensureChannelSettings(db: DbOrTx, workspaceId: string): Promise<ChannelSettingsRow> {
  await db.insert(channelSettings).values({ workspaceId, whatsappVerifyToken: newVerifyToken(), optOutKeywords: defaultOptOutKeywords }).onConflictDoNothing();
  const [row] = await db.select().from(channelSettings).where(eq(channelSettings.workspaceId, workspaceId));
  return row!;
}

/** Whether WhatsApp keyword replies can be sent: an access token and a phone number id are both set. */
export async function whatsappCanReply(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ token: channelSettings.whatsappAccessTokenSealed, phoneNumberId: channelSettings.whatsappPhoneNumberId })
    .from(channelSettings)
    .where(eq(channelSettings.workspaceId, workspaceId));
  return Boolean(row?.token && row.phoneNumberId);
}

/** What an inbound webhook needs to know about the workspace its URL names, with the secrets opened. */
export type InboundChannel = {
  workspaceId: string;
  slug: string;
  businessName: string;
  /** The workspace's language: replies to a button, which carries no words, are in it. */
  defaultLanguage: string;
  /** For the salted digests a service window is kept under, without another read of the workspace. */
  ledgerSalt: string;
  defaultCountry: string;
  settings: ChannelSettingsRow;
  secret: (which: "whatsappAppSecret" | "whatsappAccessToken" | "twilioAuthToken") => string | null;
  /** Its categories and their names, read with the channel (vocabulary.ts): what a message is read against. */
  vocabulary: ChannelVocabulary;
};

export async function findInboundChannel(db: DbOrTx, slug: string): Promise<InboundChannel | null> {
  const [row] = await db
    .select({ workspace: workspaces, settings: channelSettings, vocabulary: vocabularyColumn(workspaces.id) })
    .from(workspaces)
    .innerJoin(channelSettings, eq(channelSettings.workspaceId, workspaces.id))
    .where(eq(workspaces.slug, slug));
  if (!row) return null;
  const sealed = {
    whatsappAppSecret: row.settings.whatsappAppSecretSealed,
    whatsappAccessToken: row.settings.whatsappAccessTokenSealed,
    twilioAuthToken: row.settings.twilioAuthTokenSealed,
  };
  // Opened once per read: the channel is remembered for seconds (channel-cache.ts) and every signed request asks
  // for the app secret, whose AES-GCM opening was a measurable share of a STOP's CPU.
  const opened = new Map<keyof typeof sealed, string | null>();
  const secret = (which: keyof typeof sealed): string | null => {
    if (!opened.has(which)) opened.set(which, sealed[which] ? openSecret(sealed[which]) : null);
    return opened.get(which)!;
  };
  return {
    workspaceId: row.workspace.id,
    slug: row.workspace.slug,
    businessName: row.workspace.businessName,
    defaultLanguage: row.workspace.defaultLanguage,
    ledgerSalt: row.workspace.ledgerSalt,
    defaultCountry: row.workspace.defaultCountry,
    settings: row.settings,
    secret,
    vocabulary: vocabularyOf(
      { workspaceId: row.workspace.id, defaultCountry: row.workspace.defaultCountry, ledgerSalt: row.workspace.ledgerSalt },
      row.vocabulary,
    ),
  };
}
