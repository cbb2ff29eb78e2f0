import "server-only";
import type { Db } from "../../db/client";
import { extractConfirmationCode } from "../../confirmations/code-format";
import { findConfirmationCode, useConfirmationCode } from "../../confirmations/codes";
import { append } from "../../ledger/append";
import {
  findContactId,
  findKeywordForm,
  keywordReply,
  listChannelCategories,
  listFormKeywords,
  optedInKeys,
  recordKeywordOptIn,
  recordOptOut,
  type InboundCommandBase,
} from "../inbound-consent";
import { messagesFor } from "../../i18n/languages";
import { helpWordLanguages, helpWords, isWord, matchOptOut, normalizeKeyword } from "../keywords";
import type { InboundChannel } from "../settings";
import { messageIdentity } from "./identity";
import { messageContent, unixTime, type WhatsAppContact, type WhatsAppMessage } from "./payload";

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

/** One inbound message, inside its claim's transaction. Returns the reply to send after commit, if any. */
export async function handleWhatsAppMessage(db: Db, channel: InboundChannel, message: WhatsAppMessage, contacts?: WhatsAppContact[]): Promise<string | null> {
  const content = messageContent(message);
  if (!content) return null;
  const sender = messageIdentity(message, contacts);
  const evidence = { messageId: message.id, kind: content.kind, text: content.text.slice(0, 4096) || undefined, payload: content.payload?.slice(0, 500) };
  const base: InboundCommandBase = {
    workspaceId: channel.workspaceId,
    ...sender,
    channel: "whatsapp",
    evidence,
    occurredAt: unixTime(message.timestamp),
    idempotencyKey: `whatsapp:${message.id}`,
  };
  const categories = await listChannelCategories(db, channel.workspaceId);
  const business = channel.businessName;

  const button = readPayload(content.payload);
  const stop = button?.stop
    ? button.stop === true
      ? { scope: "all" as const }
      : categories.some((c) => c.key === button.stop)
        ? { scope: "one" as const, categoryKey: button.stop }
        : null
    : matchOptOut(content.text, channel.settings.optOutKeywords, categories);
  if (stop) {
    const keys = stop.scope === "all" ? categories.map((c) => c.key) : [stop.categoryKey];
    await recordOptOut(db, base, keys);
    // Answered in the language of the word sent ("BAJA" in Spanish); a button carries none, so the workspace's.
    const m = messagesFor("language" in stop ? stop.language : channel.defaultLanguage).whatsapp;
    return stop.scope === "all" ? m.stoppedAll(business) : m.stoppedOne(categories.find((c) => c.key === stop.categoryKey)?.label ?? stop.categoryKey, business);
  }

  const code = content.kind === "text" ? extractConfirmationCode(content.text) : undefined;
  if (code) {
    const reply = await confirmWithCode(db, { ...base, evidence: { ...evidence, kind: "confirmation_code" } }, code);
    if (reply) return reply;
  }

  const form = await findKeywordForm(db, channel.workspaceId, "whatsapp", button?.join ?? content.text);
  if (form) {
    await recordKeywordOptIn(db, base, form);
    return keywordReply(form);
  }

  if (isWord(content.text, helpWords)) {
    const language = helpWordLanguages[normalizeKeyword(content.text)] ?? channel.defaultLanguage;
    return localizedHelpReply(language, business, channel.settings.optOutKeywords, categories, await listFormKeywords(db, channel.workspaceId, "whatsapp"));
  }
  return null;
}

/** HELP, in the language asked: that language's stop words first, an example with a real category, the keywords. */
function localizedHelpReply(language: string, business: string, keywords: Record<string, string[]>, categories: { label: string }[], joinWords: string[]): string {
  const words = [...new Set([...(keywords[language] ?? []), ...Object.values(keywords).flat()])].slice(0, 4);
  const or = (list: string[]) => new Intl.ListFormat(language, { type: "disjunction" }).format(list);
  const example = `${words[0] ?? "STOP"} ${categories[0]?.label ?? ""}`.trim();
  return messagesFor(language).whatsapp.help(business, or(words), example, joinWords.length ? or(joinWords) : null);
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
