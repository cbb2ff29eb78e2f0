import "server-only";
import type { Db } from "../../db/client";
import { handleOnce } from "../inbound-messages";
import type { InboundChannel } from "../settings";
import { findInboundChannelCached, findVerifiedChannel } from "../channel-cache";
import { handlerFailure, recordDeadLetter, type DeadLetterInput, type DeadLetterReason } from "../dead-letters/store";
import {
  handleMarketingStopStatus,
  handleUserPreference,
  isMarketingStop,
  preferenceClaimId,
  qualityClaimId,
  recordQualityUpdate,
  statusClaimId,
} from "./handle-notices";
import { handleWhatsAppMessage } from "./handle-message";
import { recordBatchedStop } from "./batched-stop";
import { messageContent } from "./payload";
import { readNotification, type NotificationItem, type WhatsAppItemKind, type ItemSender } from "./read-notification";
import { recordReplyAccepted } from "./reply-evidence";
import { canSendCloudReply, type ReplyChoices, type WhatsAppSender } from "./sender";
import { verifyMetaSignature } from "./signature";
import { phoneOfWaId } from "../../phone/whatsapp-id";
import { sameSecret } from "../../security/digest";

const plain = (status: number, body = "") => new Response(body, { status, headers: { "content-type": "text/plain", "cache-control": "no-store" } });

/** Meta's subscription handshake: echo hub.challenge when the verify token is this workspace's. */
export async function verifyWhatsAppSubscription(db: Db, slug: string, url: URL): Promise<Response> {
  const mode = url.searchParams.get("hub.mode");
  const token = url.searchParams.get("hub.verify_token") ?? "";
  const challenge = url.searchParams.get("hub.challenge") ?? "";
  // Fresh: the handshake comes right after someone saved a new verify token, maybe on another instance.
  const channel = await findInboundChannelCached(db, slug, { fresh: true });
  if (mode !== "subscribe" || !channel || !sameSecret(token, channel.settings.whatsappVerifyToken)) return plain(403, "Forbidden");
  return plain(200, challenge);
}

export type WhatsAppDeps = { sender: WhatsAppSender };

/**
 * A reply to send after commit, and the inbound message it answers: to the sender's wa_id, or to their BSUID when
 * Meta sent no wa_id.
 */
type Reply = { to?: string; recipient?: string; text: string; interactive?: ReplyChoices; inReplyTo: string };

/** An item that was not recorded, with what its dead letter keeps. */
export type WhatsAppItemFailure = DeadLetterReason & { kind: WhatsAppItemKind; providerItemId?: string; raw: string; sender: ItemSender };

/**
 * The Cloud API webhook. The signature is checked on the raw bytes before anything is parsed; a bad or missing
 * one is 401 with nothing recorded. Then every message, status, preference and quality notice is read with its
 * own schema, claimed once and handled in its own transaction. Whatever cannot be read, or fails, is kept as a
 * dead letter (never only a log line) and the rest go on. Meta is answered 200 even then, since it would
 * redeliver the same bytes for days; only if a dead letter cannot be stored is it 500, so Meta delivers again.
 */
export async function receiveWhatsAppWebhook(db: Db, slug: string, request: Request, deps: WhatsAppDeps): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  const signature = request.headers.get("x-hub-signature-256");
  const channel = await findVerifiedChannel(db, slug, (c) => {
    const secret = c.secret("whatsappAppSecret");
    return Boolean(secret && verifyMetaSignature(body, signature, secret));
  });
  if (!channel) return plain(401, "Unauthorized");

  const { replies, failures } = await processWhatsAppNotification(db, channel, Buffer.from(body).toString("utf8"));
  sendReplies(db, channel, replies, deps.sender);
  try {
    for (const failure of failures) await recordDeadLetter(db, whatsappDeadLetter(channel, failure));
  } catch (error) {
    // Recorded items are claimed, so the redelivery this asks for records only what was not kept.
    console.error(`[whatsapp webhook ${slug}] could not keep ${failures.length} dead letter(s); asking Meta to deliver again`, error);
    return plain(500, "retry");
  }
  return plain(200, "EVENT_RECEIVED");
}

export function whatsappDeadLetter(channel: InboundChannel, failure: WhatsAppItemFailure): DeadLetterInput {
  const { sender, kind, providerItemId, raw, reasonCode, reason } = failure;
  // Read as the ledger reads it (national quirks included), so erasing the contact finds its dead letters.
  const phone = phoneOfWaId(sender.waId, "dead letter");
  return { workspaceId: channel.workspaceId, channel: "whatsapp", kind, providerItemId, raw, reasonCode, reason, sender: { phone, bsuid: sender.userId } };
}

/**
 * Reads and handles every item of a notification body: the webhook runs it on what Meta sent, the dashboard's
 * retry on a dead letter's single-item notification. Returns how many items were for this workspace's number,
 * the replies to send and the items not recorded.
 */
export async function processWhatsAppNotification(
  db: Db,
  channel: InboundChannel,
  text: string,
): Promise<{ handled: number; replies: Reply[]; failures: WhatsAppItemFailure[] }> {
  const replies: Reply[] = [];
  const failures: WhatsAppItemFailure[] = [];
  const items = readNotification(text, { phoneNumberId: channel.settings.whatsappPhoneNumberId });
  for (const item of items) {
    const failure = await handleItem(db, channel, item, replies);
    if (failure) failures.push(failure);
  }
  return { handled: items.length, replies, failures };
}

/** Who the item names, as given. */
function senderOf(item: NotificationItem): ItemSender {
  switch (item.kind) {
    case "message":
      return { waId: item.message.from, userId: item.message.user_id };
    case "status":
      return { waId: item.status.recipient_id, userId: item.status.recipient_user_id };
    case "user_preference":
      return { waId: item.preference.wa_id, userId: item.preference.user_id };
    case "quality":
      return {};
    case "unreadable":
      return item.sender;
  }
}

/** An item that would change consent but names no one: neither a WhatsApp id nor a BSUID. */
function senderProblem(item: NotificationItem): DeadLetterReason | null {
  const acts =
    (item.kind === "message" && messageContent(item.message) !== null) ||
    (item.kind === "status" && isMarketingStop(item.status)) ||
    (item.kind === "user_preference" && item.preference.category === "marketing_messages");
  if (!acts) return null;
  const { waId, userId } = senderOf(item);
  if (waId || userId) return null;
  return { reasonCode: "unreadable", reason: `This ${item.kind.replace("_", " ")} names no sender: neither a WhatsApp id nor a business-scoped user id.` };
}

async function handleItem(db: Db, channel: InboundChannel, item: NotificationItem, replies: Reply[]): Promise<WhatsAppItemFailure | null> {
  if (item.kind === "unreadable") {
    return { kind: item.itemKind, providerItemId: item.providerItemId, reasonCode: "unreadable", reason: item.reason, raw: item.single, sender: item.sender };
  }
  const failed = (reason: DeadLetterReason, providerItemId?: string): WhatsAppItemFailure => ({
    ...reason,
    kind: item.kind,
    providerItemId,
    raw: item.single,
    sender: senderOf(item),
  });
  switch (item.kind) {
    case "message": {
      const { message } = item;
      const problem = senderProblem(item);
      if (problem) return failed(problem, message.id);
      // A STOP goes through group commit with its claim (batched-stop.ts); every other message is handled under its claim.
      const first = await attempt(channel, () => recordBatchedStop(db, channel, message));
      const outcome = !first.ok
        ? first
        : first.result
          ? { ok: true as const, result: first.result.reply }
          : await once(db, channel, message.id, (tx) => handleWhatsAppMessage(tx, channel, message));
      if (!outcome.ok) return failed(outcome.reason, message.id);
      // A sender without a wa_id is answered at its BSUID (the send API's `recipient`).
      const to = message.from ? { to: message.from } : message.user_id ? { recipient: message.user_id } : null;
      const reply = typeof outcome.result === "string" ? { text: outcome.result } : outcome.result;
      if (reply && to) replies.push({ ...to, ...reply, inReplyTo: message.id });
      return null;
    }
    case "status": {
      const { status } = item;
      if (!isMarketingStop(status)) return null;
      const problem = senderProblem(item);
      if (problem) return failed(problem, statusClaimId(status));
      const outcome = await once(db, channel, statusClaimId(status), (tx) => handleMarketingStopStatus(tx, channel, status));
      return outcome.ok ? null : failed(outcome.reason, statusClaimId(status));
    }
    case "user_preference": {
      const { preference } = item;
      // A preference carries no id of its own, and its claim id names the person: no provider id is kept.
      const problem = senderProblem(item);
      if (problem) return failed(problem);
      const outcome = await once(db, channel, preferenceClaimId(preference), (tx) => handleUserPreference(tx, channel, preference));
      return outcome.ok ? null : failed(outcome.reason);
    }
    case "quality": {
      const { quality, time } = item;
      const outcome = await once(db, channel, qualityClaimId(quality, time), (tx) => recordQualityUpdate(tx, channel, quality, time));
      return outcome.ok ? null : failed(outcome.reason);
    }
  }
}

/** Runs one item under its claim; a duplicate is a success that does nothing, a failure comes back as a reason. */
async function once<T>(
  db: Db,
  channel: InboundChannel,
  id: string,
  work: (tx: Db) => Promise<T>,
): Promise<{ ok: true; result?: T } | { ok: false; reason: DeadLetterReason }> {
  const outcome = await attempt(channel, () => handleOnce(db, channel.workspaceId, "whatsapp", id.slice(0, 500), work));
  if (!outcome.ok) return outcome;
  return outcome.result.duplicate ? { ok: true } : { ok: true, result: outcome.result.result };
}

/**
 * A failure comes back as a reason for the dead letter. Not retried by answering non-200: the same message would
 * fail the same way on every redelivery. Its claim was not taken (it rolls back with the work), so the dead
 * letter's retry can run it again.
 */
async function attempt<T>(channel: InboundChannel, work: () => Promise<T>): Promise<{ ok: true; result: T } | { ok: false; reason: DeadLetterReason }> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    return { ok: false, reason: handlerFailure(error, `whatsapp webhook ${channel.slug}`) };
  }
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
      .then((accepted) => (accepted ? recordReplyAccepted(db, channel.workspaceId, inReplyTo, accepted.messageId, sentText(reply)) : undefined))
      .catch((error) => console.error(`[whatsapp webhook ${channel.slug}] reply not sent or its acceptance not kept`, error));
  }
}

/**
 * The text whose digest is kept for an accepted reply: the body, then each choice's title on its own line, so the
 * digest covers the labels the person tapped as well as the wording.
 */
export function sentText(reply: { text: string; interactive?: ReplyChoices }): string {
  return reply.interactive ? [reply.text, ...reply.interactive.choices.map((c) => c.title)].join("\n") : reply.text;
}
