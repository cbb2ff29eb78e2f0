import "server-only";
import type { Db } from "../../db/client";
import { messagesFor } from "../../i18n/languages";
import {
  findKeywordForm,
  keywordOptsIn,
  keywordReplyFor,
  listFormKeywords,
  recordKeywordOptIn,
  recordResume,
  type InboundCommandBase,
} from "../inbound-consent";
import { answerNumberedChoice, rememberChoiceQuestion } from "../keyword-choice";
import { handlerFailure, recordDeadLetter, type DeadLetterInput, type DeadLetterReason } from "../dead-letters/store";
import { handleOnce } from "../inbound-messages";
import { helpLanguage, isWord, matchOptOut, normalizeKeyword, smsOptInWords } from "../keywords";
import { applyStop, localizedHelpReply, type StopContext } from "../stop-command";
import { smsWebhookUrl, type InboundChannel } from "../settings";
import { findVerifiedChannel } from "../channel-cache";
import { handleWhatsAppMessage, replyText } from "../whatsapp/handle-message";
import { twilioCalledUrl, verifyTwilioSignature } from "./signature";
import { isTwilioWhatsApp, TWILIO_WHATSAPP_PREFIX, twilioWhatsAppMessage } from "./twilio-whatsapp";
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
  const url = twilioCalledUrl(smsWebhookUrl(slug), request.url);
  const signature = request.headers.get("x-twilio-signature");
  const channel = await findVerifiedChannel(db, slug, (c) => {
    const token = c.secret("twilioAuthToken");
    return Boolean(token && verifyTwilioSignature(url, params, signature, token));
  });
  if (!channel) {
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
  // A WhatsApp sender on Twilio is "whatsapp:+…": its digest is the number's, so erasure finds the dead letter.
  const phone = from && isTwilioWhatsApp(from) ? from.slice(TWILIO_WHATSAPP_PREFIX.length) : from;
  return { reasonCode, reason, workspaceId: channel.workspaceId, channel: "sms", kind: "sms", providerItemId: sid, raw, sender: { phone } };
}

/**
 * Reads and handles one signed request's parameters, each MessageSid once. The webhook runs it on what Twilio
 * sent, the dashboard's retry on a dead letter. What cannot be read or recorded comes back as a failure.
 */
export async function runSms(db: Db, channel: InboundChannel, params: URLSearchParams): Promise<{ ok: true; reply: string | null } | SmsFailure> {
  const sid = params.get("MessageSid") ?? params.get("SmsSid") ?? undefined;
  const from = params.get("From") ?? undefined;
  if (!sid || !from) {
    return {
      ok: false,
      sid,
      from,
      reasonCode: "unreadable",
      reason: `A signed request without ${[!sid && "MessageSid", !from && "From"].filter(Boolean).join(" or ")}.`,
    };
  }
  try {
    // A WhatsApp sender on Twilio posts here too: it is the WhatsApp channel, claimed among WhatsApp messages.
    const outcome = isTwilioWhatsApp(from)
      ? await handleOnce(db, channel.workspaceId, "whatsapp", sid.slice(0, 200), (tx) => {
          const { message, via } = twilioWhatsAppMessage(params, sid, from);
          // Through Twilio every reply is text: the choices come numbered (handle-message.ts).
          return handleWhatsAppMessage(tx, channel, message, via).then(replyText);
        })
      : await handleOnce(db, channel.workspaceId, "sms", sid.slice(0, 200), (tx) =>
          handleSms(tx, channel, sid, from, params.get("Body") ?? "", optOutType(params.get("OptOutType"))),
        );
    return { ok: true, reply: outcome.duplicate ? null : outcome.result };
  } catch (error) {
    return { ok: false, sid, from, ...handlerFailure(error, `sms webhook ${channel.slug}`) };
  }
}

/**
 * Twilio's Advanced Opt-Out (on a Messaging Service) names the kind of keyword it matched in OptOutType, in any
 * language it was configured for ("ARRET" in French): that is honoured as our own STOP, START or HELP would be,
 * since Twilio already blocks (or unblocks) the number whatever we record.
 */
type TwilioOptOutType = "STOP" | "START" | "HELP";
function optOutType(value: string | null): TwilioOptOutType | null {
  const v = value?.trim().toUpperCase();
  return v === "STOP" || v === "START" || v === "HELP" ? v : null;
}

async function handleSms(
  db: Db,
  channel: InboundChannel,
  sid: string,
  from: string,
  body: string,
  twilioType: TwilioOptOutType | null,
): Promise<string | null> {
  const keyword = normalizeKeyword(body).slice(0, 500) || undefined;
  const base: InboundCommandBase = {
    workspaceId: channel.workspaceId,
    phone: from,
    channel: "sms",
    evidence: { messageId: sid, keyword, provider: "twilio", ...(twilioType ? { optOutType: twilioType } : {}) },
    idempotencyKey: `sms:${sid}`,
  };
  const { categories, ledger } = channel.vocabulary;
  const business = channel.businessName;
  const ctx: StopContext = { business, keywords: channel.settings.optOutKeywords, categories, replies: (l) => messagesFor(l).sms, ledger };
  const typed = matchOptOut(body, ctx.keywords, categories);
  // Twilio's flag wins over our reading of the words: it has already blocked the whole number, so every
  // category stops. Answered in the language of the word if we know it, else the workspace's.
  const stop = twilioType === "STOP" ? { scope: "all" as const, language: typed?.language ?? channel.defaultLanguage } : twilioType ? null : typed;
  if (stop) {
    const reply = await applyStop(db, base, ctx, stop);
    if (reply) return reply;
  }
  if (twilioType === "START" || (!twilioType && isWord(body, smsOptInWords))) {
    const receipts = await recordResume(db, base, { channel: "sms" });
    const m = messagesFor(twilioType ? channel.defaultLanguage : "en").sms;
    return receipts.length > 0 ? m.resumed(business) : m.nothingToResume(business);
  }
  const help = twilioType === "HELP" ? (helpLanguage(body) ?? channel.defaultLanguage) : null;
  if (help) return localizedHelpReply(help, ctx, await listFormKeywords(db, channel.workspaceId, "sms"));
  // "2" in answer to a keyword's numbered question records the second category; with no question pending a
  // number is read as before (no command).
  const chosen = twilioType ? null : await answerNumberedChoice(db, channel, "sms", base, body);
  if (chosen) return chosen;
  const form = await findKeywordForm(db, channel.workspaceId, "sms", body);
  if (form) {
    const reply = keywordReplyFor(form, "sms");
    if (keywordOptsIn(form)) await recordKeywordOptIn(db, base, form, reply.body ? "twiml" : "none");
    // Several categories: nothing is recorded yet; the reply asks which, by number, and the question is kept.
    else await rememberChoiceQuestion(db, channel, "sms", from, form.versionId, sid);
    return reply.body || null;
  }
  const asked = helpLanguage(body);
  if (asked) return localizedHelpReply(asked, ctx, await listFormKeywords(db, channel.workspaceId, "sms"));
  return null;
}
