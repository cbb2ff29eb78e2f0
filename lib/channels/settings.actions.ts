import "server-only";
import { eq } from "drizzle-orm";
import { defineWorkspaceAction, type ActionContext } from "../handlers/workspace-action";
import { recordStaffAudit } from "../handlers/audit";
import type { AuditAction } from "../handlers/audit-actions";
import { ensureChannelSettings, newVerifyToken } from "./settings";
import { parseKeywordList } from "./keywords";
import type { Tx } from "../db/client";
import { channelSettings } from "../db/schema/channels";
import { sealSecret } from "../webhooks/secret-seal";
import { keywordLanguages, saveKeywordsSchema, saveSmsSchema, saveWhatsAppSchema, workspaceOnlySchema } from "./settings.validation";

/** Updates the workspace's channel settings and writes the audit row in the same transaction. */
async function change(ctx: ActionContext, action: AuditAction, set: Partial<typeof channelSettings.$inferInsert>, detail: Record<string, unknown>) {
  await ctx.db.transaction(async (tx: Tx) => {
    await ensureChannelSettings(tx, ctx.actor.workspace.id);
    await tx
      .update(channelSettings)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(channelSettings.workspaceId, ctx.actor.workspace.id));
    await recordStaffAudit(tx, ctx, { action, targetType: "workspace", targetId: ctx.actor.workspace.id, detail });
  });
}

export const saveWhatsAppChannel = defineWorkspaceAction({
  name: "settings.channels.whatsapp",
  permission: "settings:manage",
  schema: saveWhatsAppSchema,
  async run(ctx, input) {
    await change(
      ctx,
      "channels.whatsapp.update",
      {
        whatsappPhoneNumberId: input.phoneNumberId || null,
        ...(input.appSecret ? { whatsappAppSecretSealed: sealSecret(input.appSecret) } : {}),
        ...(input.accessToken ? { whatsappAccessTokenSealed: sealSecret(input.accessToken) } : {}),
      },
      // Which secrets changed, never their values.
      { phoneNumberId: input.phoneNumberId, appSecretChanged: Boolean(input.appSecret), accessTokenChanged: Boolean(input.accessToken) },
    );
    return { message: "Saved the WhatsApp settings." };
  },
});

export const saveSmsChannel = defineWorkspaceAction({
  name: "settings.channels.sms",
  permission: "settings:manage",
  schema: saveSmsSchema,
  async run(ctx, input) {
    const number = input.number === undefined ? {} : { smsNumber: input.number };
    if (!input.authToken && input.number === undefined) return { message: "Nothing changed: paste the auth token to replace the stored one." };
    await change(
      ctx,
      "channels.sms.update",
      { ...number, ...(input.authToken ? { twilioAuthTokenSealed: sealSecret(input.authToken) } : {}) },
      { authTokenChanged: Boolean(input.authToken), ...number },
    );
    return { message: input.authToken ? "Saved the Twilio settings." : "Saved the SMS number." };
  },
});

export const saveOptOutKeywords = defineWorkspaceAction({
  name: "settings.channels.keywords",
  permission: "settings:manage",
  schema: saveKeywordsSchema,
  async run(ctx, input) {
    const lists = keywordLanguages.map((l) => [l.code, parseKeywordList(input[l.field] ?? "")] as const);
    const keywords = Object.fromEntries(lists.filter(([, words]) => words.length > 0));
    await change(ctx, "channels.keywords.update", { optOutKeywords: keywords }, { keywords });
    return { message: "Saved the opt-out words." };
  },
});

export const rotateWhatsAppVerifyToken = defineWorkspaceAction({
  name: "settings.channels.rotateVerifyToken",
  permission: "settings:manage",
  schema: workspaceOnlySchema,
  async run(ctx) {
    await change(ctx, "channels.whatsapp.verify-token", { whatsappVerifyToken: newVerifyToken() }, {});
    return { message: "Made a new verify token. Paste it into Meta's webhook settings before Meta next verifies the URL." };
  },
});
