import "server-only";
import type { Db } from "../../db/client";
import { extractConfirmationCode } from "../../confirmations/code-format";
import { findConfirmationCode, useConfirmationCode } from "../../confirmations/codes";
import { append } from "../../ledger/append";
import {
  type ChannelCategory,
  findContactId,
  findKeywordForm,
  keywordOptsIn,
  keywordReplyFor,
  listFormKeywords,
  optedInKeys,
  recordKeywordOptIn,
  type InboundCommandBase,
  type InboundIdentity,
} from "../inbound-consent";
import { ValidationError } from "../../errors";
import { serviceWindowUpsert } from "./service-window";
import { messagesFor } from "../../i18n/languages";
import { helpLanguage, matchOptOut } from "../keywords";
import { applyStop, localizedHelpReply, type StopContext } from "../stop-command";
import type { InboundChannel } from "../settings";
import { answerChoiceButton, answerNumberedChoice, rememberChoiceQuestion } from "../keyword-choice";
import { canSendCloudReply, type ReplyChoices } from "./sender";
import { messageIdentity } from "./identity";
import { messageContent, unixTime, type WhatsAppMessage } from "./payload";

/**
 * Quick-reply and list payloads Assent understands, so a business can put buttons in its templates:
 * "assent:stop" (everything), "assent:stop:<category key>" (one kind), "assent:join:<form keyword>".
 * Any other payload is read as the button's visible text.
 */
function readPayload(payload: string | undefined): { stop?: string | true; join?: string } | null {
  const m = payload?.match(/^assent:(stop|join)(?::(.+))?$/i);
  if (!m) return null;
  if (m[1]!.toLowerCase() === "stop") return { stop: m[2] ?? true };
  return m[2] ? { join: m[2] } : null;
}

/**
 * How a message reached us when not through the Cloud API webhook: a WhatsApp sender on Twilio posts to the SMS
 * webhook and is answered in TwiML. `name` is the sender's WhatsApp profile name: personal data, so it goes with
 * the command's name (event_personal_data, erasable), never into the evidence.
 */
export type WhatsAppVia = { provider: "twilio"; name?: string; businessNumber?: string };

/** A message read for handling: what it says, who sent it, the command every change it makes starts from. */
export type ReadMessage = {
  content: NonNullable<ReturnType<typeof messageContent>>;
  sender: InboundIdentity;
  evidence: Record<string, unknown> & { kind: string };
  base: InboundCommandBase;
  button: ReturnType<typeof readPayload>;
};

/** Reads a message that has content (throws ValidationError when it names no one usable); null when it has none. */
export function readMessage(channel: InboundChannel, message: WhatsAppMessage, via?: WhatsAppVia): ReadMessage | null {
  const content = messageContent(message);
  if (!content) return null;
  const sender = messageIdentity(message, undefined);
  const evidence = {
    messageId: message.id,
    kind: content.kind,
    text: content.text.slice(0, 4096) || undefined,
    payload: content.payload?.slice(0, 500),
    ...(via ? { provider: via.provider } : {}),
  };
  const base: InboundCommandBase = {
    workspaceId: channel.workspaceId,
    ...sender,
    channel: "whatsapp",
    evidence,
    occurredAt: unixTime(message.timestamp),
    idempotencyKey: `whatsapp:${message.id}`,
    ...(via?.name?.trim() ? { name: via.name.trim().slice(0, 200) } : {}),
  };
  return { content, sender, evidence, base, button: readPayload(content.payload) };
}

/** How a message stops (a button, or a stop word in the person's words), if it does. */
export function stopOf(read: ReadMessage, channel: InboundChannel, categories: ChannelCategory[]) {
  const { button, content } = read;
  // A button carries no words, so its answer is in the workspace's language; a typed stop, in the word's.
  return button?.stop
    ? {
        scope: button.stop === true ? ("all" as const) : ("one" as const),
        categoryKey: button.stop === true ? undefined : button.stop,
        language: channel.defaultLanguage,
      }
    : matchOptOut(content.text, channel.settings.optOutKeywords, categories);
}

/** What a stop on WhatsApp is read and answered with: the channel's vocabulary and the WhatsApp replies. */
export function stopContext(channel: InboundChannel): StopContext {
  return {
    business: channel.businessName,
    keywords: channel.settings.optOutKeywords,
    categories: channel.vocabulary.categories,
    replies: (l) => messagesFor(l).whatsapp,
    ledger: channel.vocabulary.ledger,
  };
}

/**
 * The service-window upsert for a message (lib/channels/whatsapp/service-window.ts): under the number it was sent
 * to, at the time Meta gives (now when it gives none); null when the sender has no digest.
 */
export function messageWindow(channel: InboundChannel, sender: InboundIdentity, message: WhatsAppMessage, via?: WhatsAppVia) {
  const businessNumber = via?.businessNumber ?? channel.settings.whatsappPhoneNumberId ?? "";
  return serviceWindowUpsert(channel, sender, businessNumber, unixTime(message.timestamp) ?? new Date());
}

/** A reply that asks which kind of message the person wants: its body and one button (or list row) per category. */
export type ChoiceReply = { text: string; interactive: ReplyChoices };

/** A reply's text alone, for a channel that carries no buttons (Twilio's TwiML answer is never asked for them). */
export const replyText = (reply: string | ChoiceReply | null): string | null => (reply === null || typeof reply === "string" ? reply : reply.text);

/** One inbound message, inside its claim's transaction. Returns the reply to send after commit, if any. */
export async function handleWhatsAppMessage(
  db: Db,
  channel: InboundChannel,
  message: WhatsAppMessage,
  via?: WhatsAppVia,
): Promise<string | ChoiceReply | null> {
  const read = readMessage(channel, message, via);
  const reply = read ? await act(db, channel, read, via, message) : null;
  const sender = read ? read.sender : identityOrNull(message);
  // A system notice (a changed number) is Meta's, not the person writing; every other message opens the window.
  // Last, after whatever contact lock the message took: a STOP takes the contact's, then the window's (in the
  // ledger's write, batched-stop.ts), and two transactions taking them in opposite orders would deadlock.
  const window = sender && message.type !== "system" ? messageWindow(channel, sender, message, via) : null;
  if (window) await db.execute(window);
  return reply;
}

/** What a message with content does: a choice, a stop, a confirmation code, a keyword, HELP; the reply, if any. */
async function act(
  db: Db,
  channel: InboundChannel,
  read: ReadMessage,
  via: WhatsAppVia | undefined,
  message: WhatsAppMessage,
): Promise<string | ChoiceReply | null> {
  const { content, evidence, base, button } = read;
  // A tap on one of a keyword reply's choices: exactly that category, if the id is one this workspace offered.
  const chosen = content.kind === "button" ? await answerChoiceButton(db, channel, base, content.payload, message.context?.id) : null;
  if (chosen) return chosen;
  // Through Twilio the choices were numbered: "2" answers the question asked, if one is pending.
  const numbered = via && content.kind === "text" ? await answerNumberedChoice(db, channel, "whatsapp", base, content.text) : null;
  if (numbered) return numbered;
  const ctx = stopContext(channel);
  const stop = stopOf(read, channel, ctx.categories);
  if (stop) {
    const reply = await applyStop(db, base, ctx, stop);
    if (reply) return reply;
  }

  const code = content.kind === "text" ? extractConfirmationCode(content.text) : undefined;
  if (code) {
    const reply = await confirmWithCode(db, { ...base, evidence: { ...evidence, kind: "confirmation_code" } }, code);
    if (reply) return reply;
  }

  const form = await findKeywordForm(db, channel.workspaceId, "whatsapp", button?.join ?? content.text);
  if (form) {
    // Twilio takes the reply in its answer; the Cloud API only after commit, and only with an access token.
    const reply = keywordReplyFor(form, "whatsapp", Boolean(via));
    const canReply = Boolean(reply.body) && (via !== undefined || canSendCloudReply(channel));
    if (keywordOptsIn(form)) {
      await recordKeywordOptIn(db, base, form, !canReply ? "none" : via ? "twiml" : "after_commit");
      return reply.body || null;
    }
    // Several categories: the keyword records nothing; the reply asks which, one choice per category. Without a
    // way to reply nothing can be asked, so nothing is recorded (the builder warns of this before publishing).
    if (!canReply) return null;
    if (via) {
      await rememberChoiceQuestion(db, channel, "whatsapp", base.phone, form.versionId, message.id);
      return reply.body;
    }
    const format = reply.format === "list" ? "list" : "buttons";
    const choices = reply.choices.map((c) => ({ id: c.id, title: c.label }));
    return { text: reply.body, interactive: { format, choices, ...(reply.listButton ? { listButton: reply.listButton } : {}) } };
  }

  const help = helpLanguage(content.text);
  if (help) return localizedHelpReply(help, ctx, await listFormKeywords(db, channel.workspaceId, "whatsapp"));
  return null;
}

/** A media or location message names its sender as a text does; one naming no one only opens no window. */
function identityOrNull(message: WhatsAppMessage): InboundIdentity | null {
  try {
    return messageIdentity(message, undefined);
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

/**
 * A double opt-in code: valid only from the number it was issued to, used once, and raising only the
 * categories of that sign-up that are still opted in. Returns null when the text holds no code of ours, so the
 * message can still be read as a keyword.
 */
async function confirmWithCode(db: Db, base: InboundCommandBase, code: string): Promise<string | null> {
  const found = await findConfirmationCode(db, base.workspaceId, code);
  if (found.status === "unknown") return null;
  if (found.status === "used") return "This sign-up is already confirmed. Thank you!";
  if (found.status === "expired") return "This confirmation code has expired. Please sign up again to get a new one.";
  // The contact's lock, held to the end of the message's transaction, keeps an opt-out from landing between
  // reading what is still opted in and the confirm: append() would refuse that confirm and the code be lost.
  const contactId = await findContactId(db, base.workspaceId, base, { lock: true });
  if (contactId !== found.code.contactId) return "This confirmation code belongs to another number. Please send it from the number you signed up with.";
  const keys = await optedInKeys(db, base.workspaceId, contactId, found.code.categoryKeys);
  if (!(await useConfirmationCode(db, base.workspaceId, code))) return null;
  if (keys.length === 0) return "There is nothing left to confirm for this sign-up.";
  await append(db, { ...base, action: "confirm", categories: keys, actor: { type: "person" } });
  return "Thank you: your sign-up is confirmed.";
}
