import "server-only";
import type { Db } from "../../db/client";
import { ConflictError, ValidationError } from "../../errors";
import { claimStatement } from "../inbound-messages";
import { recordOptOut } from "../inbound-consent";
import type { InboundChannel } from "../settings";
import { forgetChoiceQuestions } from "../keyword-choice";
import { clearStop } from "../stop-command";
import { messageWindow, readMessage, stopContext, stopOf } from "./handle-message";
import type { WhatsAppMessage } from "./payload";

/**
 * A STOP, planned from the channel's one read and handed to group commit like any append (decision 0015). Under
 * its claim's own transaction a message costs BEGIN, the claim, the window, the lookups, the append as a
 * savepoint and COMMIT: about fourteen round trips that no other message can share. Here the claim and the
 * service window are written as part of the ledger's one write statement (PlanExtras.alongside), so they commit
 * with the opt-out or not at all, in a transaction shared with whatever else is being appended. The ledger's
 * idempotency key (`whatsapp:<wamid>`) is what makes a redelivery record nothing twice: it gets the first
 * delivery's receipt back, marked replayed, and is not answered again.
 *
 * Returns undefined when the message is not a stop this path takes (no content, a sender it cannot read, an
 * unclear stop word, a category that does not exist): the caller handles it under its claim, as every other
 * message. Throws what the append throws, for the caller's dead letter.
 */
export async function recordBatchedStop(db: Db, channel: InboundChannel, message: WhatsAppMessage): Promise<{ reply: string | null } | undefined> {
  let read;
  try {
    read = readMessage(channel, message);
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
  if (!read) return undefined;
  const ctx = stopContext(channel);
  const stop = stopOf(read, channel, ctx.categories);
  const resolved = stop && stop.scope !== "unclear" ? clearStop(ctx, stop) : null;
  if (!resolved) return undefined;
  const window = messageWindow(channel, read.sender, message);
  const forget = ctx.ledger ? forgetChoiceQuestions(ctx.ledger.workspace, read.base.phone) : null;
  const alongside = [claimStatement(channel.workspaceId, "whatsapp", message.id.slice(0, 500)), ...(window ? [window] : []), ...(forget ? [forget] : [])];
  let receipt;
  try {
    receipt = await recordOptOut(db, read.base, resolved.keys, { context: ctx.ledger, alongside });
  } catch (error) {
    // The key was taken by this message's earlier delivery with other categories (one added since): it is recorded.
    if (error instanceof ConflictError && error.code === "idempotency_key_reused") return { reply: null };
    throw error;
  }
  // A redelivery gets the first delivery's receipt back, and is not answered again.
  return { reply: receipt && !receipt.replayed ? resolved.reply : null };
}
