import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client";
import { handleOnce } from "../inbound-messages";
import { findInboundChannel, type InboundChannel } from "../settings";
import { handleMarketingStopStatus, handleUserPreference, isMarketingStop, preferenceClaimId, qualityClaimId, recordQualityUpdate, statusClaimId } from "./handle-notices";
import { handleWhatsAppMessage } from "./handle-message";
import { envelopeSchema, messagesValueSchema, qualityValueSchema, type MessagesValue } from "./payload";
import { recordReplyAccepted } from "./reply-evidence";
import { canSendCloudReply, type WhatsAppSender } from "./sender";
import { verifyMetaSignature } from "./signature";

const plain = (status: number, body = "") => new Response(body, { status, headers: { "content-type": "text/plain", "cache-control": "no-store" } });

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Meta's subscription handshake: echo hub.challenge when the verify token is this workspace's. */
export async function verifyWhatsAppSubscription(db: Db, slug: string, url: URL): Promise<Response> {
  const mode = url.searchParams.get("hub.mode");
  const token = url.searchParams.get("hub.verify_token") ?? "";
  const challenge = url.searchParams.get("hub.challenge") ?? "";
  const channel = await findInboundChannel(db, slug);
  if (mode !== "subscribe" || !channel || !sameText(token, channel.settings.whatsappVerifyToken)) return plain(403, "Forbidden");
  return plain(200, challenge);
}

export type WhatsAppDeps = { sender: WhatsAppSender };

/** A reply to send after commit, and the inbound message it answers. */
type Reply = { to: string; text: string; inReplyTo: string };

/**
 * The Cloud API webhook. The signature is checked on the raw bytes before anything is parsed; a bad or missing
 * one is 401 with nothing recorded. A body that verifies but cannot be read is logged and answered 200, since
 * Meta retries anything else for days and the same bytes will never parse. Each message, status, preference and
 * quality notice is claimed once and handled in its own transaction; one that fails is logged and the rest go on.
 */
export async function receiveWhatsAppWebhook(db: Db, slug: string, request: Request, deps: WhatsAppDeps): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  const channel = await findInboundChannel(db, slug);
  const secret = channel?.secret("whatsappAppSecret");
  if (!channel || !secret || !verifyMetaSignature(body, request.headers.get("x-hub-signature-256"), secret)) return plain(401, "Unauthorized");

  let envelope;
  try {
    envelope = envelopeSchema.parse(JSON.parse(Buffer.from(body).toString("utf8")));
  } catch {
    console.warn(`[whatsapp webhook ${slug}] a signed body that is not a WhatsApp Business Account notification was ignored`);
    return plain(200, "ignored");
  }
  const replies: Reply[] = [];
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      if (change.field === "messages") {
        const value = messagesValueSchema.safeParse(change.value);
        if (!value.success) console.warn(`[whatsapp webhook ${slug}] unreadable "messages" change ignored`);
        else if (forThisNumber(channel, value.data)) replies.push(...(await handleMessagesValue(db, channel, value.data)));
      } else if (change.field === "user_preferences") {
        const value = messagesValueSchema.safeParse(change.value);
        if (value.success && forThisNumber(channel, value.data)) await handleMessagesValue(db, channel, value.data);
      } else if (change.field === "phone_number_quality_update") {
        const value = qualityValueSchema.safeParse(change.value);
        if (value.success) await once(db, channel, qualityClaimId(value.data, entry.time), (tx) => recordQualityUpdate(tx, channel, value.data, entry.time));
      }
    }
  }
  sendReplies(db, channel, replies, deps.sender);
  return plain(200, "EVENT_RECEIVED");
}

/** One app may serve several numbers; only the one configured for this workspace counts here. */
function forThisNumber(channel: InboundChannel, value: MessagesValue): boolean {
  const configured = channel.settings.whatsappPhoneNumberId;
  return !configured || !value.metadata?.phone_number_id || value.metadata.phone_number_id === configured;
}

async function once<T>(db: Db, channel: InboundChannel, id: string, work: (tx: Db) => Promise<T>): Promise<T | undefined> {
  try {
    const outcome = await handleOnce(db, channel.workspaceId, "whatsapp", id.slice(0, 500), work);
    return outcome.duplicate ? undefined : outcome.result;
  } catch (error) {
    // Logged, not retried by answering non-200: the same message would fail the same way on every redelivery.
    console.error(`[whatsapp webhook ${channel.slug}] could not handle ${id}`, error);
    return undefined;
  }
}

async function handleMessagesValue(db: Db, channel: InboundChannel, value: MessagesValue) {
  const replies: Reply[] = [];
  for (const message of value.messages ?? []) {
    const reply = await once(db, channel, message.id, (tx) => handleWhatsAppMessage(tx, channel, message));
    if (reply) replies.push({ to: message.from, text: reply, inReplyTo: message.id });
  }
  for (const status of value.statuses ?? []) {
    if (isMarketingStop(status)) await once(db, channel, statusClaimId(status), (tx) => handleMarketingStopStatus(tx, channel, status));
  }
  for (const preference of value.user_preferences ?? []) {
    await once(db, channel, preferenceClaimId(preference), (tx) => handleUserPreference(tx, channel, preference));
  }
  return replies;
}

/**
 * After the commit, without holding up the answer to Meta; a failed reply is logged (the consent stands). The
 * Cloud API's acceptance is kept (recordReplyAccepted): it is what lets the contact's record say the wording
 * was sent.
 */
function sendReplies(db: Db, channel: InboundChannel, replies: Reply[], sender: WhatsAppSender) {
  if (!canSendCloudReply(channel)) return;
  const accessToken = channel.secret("whatsappAccessToken")!;
  const phoneNumberId = channel.settings.whatsappPhoneNumberId!;
  for (const { inReplyTo, ...reply } of replies) {
    sender({ phoneNumberId, accessToken, ...reply })
      .then((accepted) => (accepted ? recordReplyAccepted(db, channel.workspaceId, inReplyTo, accepted.messageId, reply.text) : undefined))
      .catch((error) => console.error(`[whatsapp webhook ${channel.slug}] reply not sent or its acceptance not kept`, error));
  }
}
