import "server-only";
import type { Db } from "../../db/client";
import {
  findKeywordForm,
  helpReply,
  keywordReply,
  listChannelCategories,
  listFormKeywords,
  recordKeywordOptIn,
  recordOptOut,
  recordResume,
  type InboundCommandBase,
} from "../inbound-consent";
import { handleOnce } from "../inbound-messages";
import { helpWords, isWord, matchOptOut, normalizeKeyword, smsOptInWords, smsOptOutWords } from "../keywords";
import { findInboundChannel, smsWebhookUrl, type InboundChannel } from "../settings";
import { verifyTwilioSignature } from "./signature";
import { twimlResponse } from "./twiml";

/**
 * Twilio's inbound SMS webhook (application/x-www-form-urlencoded). The signature covers the URL Twilio called,
 * which is rebuilt from APP_URL and never from the Host header, which a caller chooses. A bad signature is 403
 * with nothing recorded; each MessageSid is handled once; the answer is TwiML with the reply, if any.
 */
export async function receiveSmsWebhook(db: Db, slug: string, request: Request): Promise<Response> {
  const raw = await request.text();
  const params = new URLSearchParams(raw);
  const channel = await findInboundChannel(db, slug);
  const token = channel?.secret("twilioAuthToken");
  const url = smsWebhookUrl(slug) + new URL(request.url).search;
  if (!channel || !token || !verifyTwilioSignature(url, params, request.headers.get("x-twilio-signature"), token)) {
    return new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain" } });
  }
  const sid = params.get("MessageSid") ?? params.get("SmsSid");
  const from = params.get("From");
  if (!sid || !from) {
    console.warn(`[sms webhook ${slug}] a signed request without MessageSid or From was ignored`);
    return twimlResponse(null);
  }
  try {
    const outcome = await handleOnce(db, channel.workspaceId, "sms", sid.slice(0, 200), (tx) => handleSms(tx, channel, sid, from, params.get("Body") ?? ""));
    return twimlResponse(outcome.duplicate ? null : outcome.result);
  } catch (error) {
    console.error(`[sms webhook ${slug}] could not handle ${sid}`, error);
    return twimlResponse(null);
  }
}

async function handleSms(db: Db, channel: InboundChannel, sid: string, from: string, body: string): Promise<string | null> {
  const keyword = normalizeKeyword(body).slice(0, 500) || undefined;
  const base: InboundCommandBase = {
    workspaceId: channel.workspaceId,
    phone: from,
    channel: "sms",
    evidence: { messageId: sid, keyword, provider: "twilio" },
    idempotencyKey: `sms:${sid}`,
  };
  const categories = await listChannelCategories(db, channel.workspaceId);
  const business = channel.businessName;
  // The carriers' words first (Twilio and US carriers honour them whatever we do), then the workspace's own.
  const stop = matchOptOut(body, { sms: smsOptOutWords, ...channel.settings.optOutKeywords }, categories);
  if (stop) {
    const keys = stop.scope === "all" ? categories.map((c) => c.key) : [stop.categoryKey];
    await recordOptOut(db, base, keys);
    return stop.scope === "all"
      ? `${business}: you are unsubscribed and will get no more messages. Reply START to resubscribe.`
      : `${business}: you will get no more "${categories.find((c) => c.key === stop.categoryKey)?.label}" messages.`;
  }
  if (isWord(body, smsOptInWords)) {
    const receipts = await recordResume(db, base, { channel: "sms" });
    return receipts.length > 0
      ? `${business}: you are subscribed again to what you had stopped by text. Reply STOP to stop.`
      : `${business}: there is nothing to restart. Reply HELP for help.`;
  }
  const form = await findKeywordForm(db, channel.workspaceId, "sms", body);
  if (form) {
    await recordKeywordOptIn(db, base, form);
    return keywordReply(form);
  }
  if (isWord(body, helpWords)) return helpReply(business, ["STOP"], await listFormKeywords(db, channel.workspaceId, "sms"));
  return null;
}
