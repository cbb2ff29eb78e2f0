import "server-only";
import type { Db } from "../../db/client";
import { ConflictError, ValidationError } from "../../errors";
import { claimRecordedMessage } from "../inbound-messages";
import type { InboundChannel } from "../settings";
import { applyStop } from "../stop-command";
import { readMessage, stopContext, stopOf } from "./handle-message";
import { unixTime, type WhatsAppMessage } from "./payload";
import { serviceWindowUpsert } from "./service-window";

/**
 * A STOP, written first and claimed after (decision 0015). Under its claim, a message costs a transaction of its
 * own: BEGIN, the claim, the window, the lookups, the append as a savepoint, COMMIT, about fourteen round trips
 * that no other message can share. An opt-out needs none of that order: the ledger's idempotency key
 * (`whatsapp:<wamid>`) already makes it safe to repeat, so it is planned from one read and handed to group commit
 * like any append (lib/ledger/group-commit.ts), then the claim and the service window follow in one statement.
 * A redelivery finds the key and records nothing twice; only the delivery that takes the claim is answered.
 *
 * Returns undefined when the message is not a stop this path takes (no content, a sender it cannot read, an
 * unclear stop word, a category that does not exist): the caller handles it under its claim, as every other
 * message. Throws what the append throws, for the caller's dead letter.
 */
export async function stopFirst(db: Db, channel: InboundChannel, message: WhatsAppMessage): Promise<{ reply: string | null } | undefined> {
  let read;
  try {
    read = readMessage(channel, message);
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
  if (!read) return undefined;
  const ctx = stopContext(channel, channel.vocabulary);
  const stop = stopOf(read, channel, ctx.categories);
  if (!stop || stop.scope === "unclear" || (stop.scope === "one" && !ctx.categories.some((c) => c.key === stop.categoryKey))) return undefined;
  let reply: string | null = null;
  try {
    reply = await applyStop(db, read.base, ctx, stop);
  } catch (error) {
    // The key was taken by this message's earlier delivery with other categories (one added since): it is recorded.
    if (!(error instanceof ConflictError && error.code === "idempotency_key_reused")) throw error;
  }
  const businessNumber = channel.settings.whatsappPhoneNumberId ?? "";
  const window = serviceWindowUpsert(channel, read.sender, businessNumber, unixTime(message.timestamp) ?? new Date());
  try {
    const claimed = await claimRecordedMessage(db, channel.workspaceId, "whatsapp", message.id.slice(0, 500), window);
    return { reply: claimed ? reply : null };
  } catch (error) {
    // The opt-out is committed: no dead letter, which would say it was not. Unanswered, so no reply is sent twice.
    console.error(`[whatsapp webhook ${channel.slug}] a recorded STOP was not claimed (its service window not noted)`, error);
    return { reply: null };
  }
}
