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
import { handlerFailure, recordDeadLetter, type DeadLetterInput, type DeadLetterReason } from "../dead-letters/store";
import { handleOnce } from "../inbound-messages";
import { helpWords, isWord, matchOptOut, normalizeKeyword, smsOptInWords, smsOptOutWords } from "../keywords";
import { findInboundChannel, smsWebhookUrl, type InboundChannel } from "../settings";
import { verifyTwilioSignature } from "./signature";
import { twimlResponse } from "./twiml";

/**
 * Twilio's inbound SMS webhook (application/x-www-form-urlencoded). The signature covers the URL Twilio called,
 * which is rebuilt from APP_URL and never from the Host header, which a caller chooses. A bad signature is 403
 * with nothing recorded; each MessageSid is handled once; the answer is TwiML with the reply, if any. A signed
 * request that cannot be read or recorded is kept as a dead letter for staff to retry.
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
  const outcome = await runSms(db, channel, params);
  if (!outcome.ok) {
    try {
      await recordDeadLetter(db, smsDeadLetter(channel, raw, outcome));
    } catch (error) {
      // Nothing was recorded and nothing kept: a 500 makes Twilio try again.
      console.error(`[sms webhook ${slug}] could not keep a dead letter; asking Twilio to deliver again`, error);
      return new Response("retry", { status: 500, headers: { "content-type": "text/plain" } });
    }
  }
  return twimlResponse(outcome.ok ? outcome.reply : null);
}

export type SmsFailure = DeadLetterReason & { ok: false; sid?: string; from?: string };

export function smsDeadLetter(channel: InboundChannel, raw: string, failure: SmsFailure): DeadLetterInput {
  const { reasonCode, reason, sid, from } = failure;
  return { reasonCode, reason, workspaceId: channel.workspaceId, channel: "sms", kind: "sms", providerItemId: sid, raw, sender: { phone: from } };
}

/**
 * Reads and handles one signed request's parameters, each MessageSid once. The webhook runs it on what Twilio
 * sent, the dashboard's retry on a dead letter. What cannot be read or recorded comes back as a failure.
 */
export async function runSms(db: Db, channel: InboundChannel, params: URLSearchParams): Promise<{ ok: true; reply: string | null } | SmsFailure> {
  const sid = params.get("MessageSid") ?? params.get("SmsSid") ?? undefined;
  const from = params.get("From") ?? undefined;
  if (!sid || !from) {
    return { ok: false, sid, from, reasonCode: "unreadable", reason: `A signed request without ${[!sid && "MessageSid", !from && "From"].filter(Boolean).join(" or ")}.` };
  }
  try {
    const outcome = await handleOnce(db, channel.workspaceId, "sms", sid.slice(0, 200), (tx) => handleSms(tx, channel, sid, from, params.get("Body") ?? ""));
    return { ok: true, reply: outcome.duplicate ? null : outcome.result };
  } catch (error) {
    return { ok: false, sid, from, ...handlerFailure(error, `sms webhook ${channel.slug}`) };
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
