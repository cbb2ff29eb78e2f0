import "server-only";
import { eq, sql } from "drizzle-orm";
import { phoneDigestLenient } from "../../api/phone-digest";
import type { DbOrTx } from "../../db/client";
import { inboundDeadLetters } from "../../db/schema/channels";
import { workspaces } from "../../db/schema/workspaces";
import { AppError } from "../../errors";
import { personalDigest } from "../../ledger/canonical";
import { openSecret, sealSecret } from "../../webhooks/secret-seal";
import type { InboundChannelKind } from "../inbound-consent";

/** Why an item was dead-lettered: a stable code for filters and tests, and a sentence for staff. */
export type DeadLetterReason = { reasonCode: string; reason: string };

export type DeadLetterInput = DeadLetterReason & {
  workspaceId: string;
  channel: InboundChannelKind;
  kind: string;
  /** The provider's id for the item, only where it names no one (a wamid, a MessageSid). */
  providerItemId?: string;
  /** The item as received, enough to run it again: sealed before it is stored. */
  raw: string;
  /** Who it names, as given, for erasure: a number (or WhatsApp id) and/or a BSUID. Stored only as digests. */
  sender: { phone?: string; bsuid?: string };
};

/**
 * The reason to keep for an item whose handling threw. A known error says what it is; anything else is an
 * internal fault, logged with the item and shown to staff without internals.
 */
export function handlerFailure(error: unknown, where: string): DeadLetterReason {
  if (error instanceof AppError) return { reasonCode: "handler_error", reason: `Recording it was refused: ${error.message}` };
  console.error(`[${where}] could not handle an inbound item; it is kept as a dead letter`, error);
  return { reasonCode: "handler_error", reason: "Recording it failed on our side (the server log has the details). Retry once the cause is fixed." };
}

/** The raw item sealed under its own key (not the channel secrets'), since it carries personal data. */
export const sealRaw = (raw: string) => sealSecret(raw, "inbound-dead-letter");
export const openRaw = (sealed: string) => openSecret(sealed, "inbound-dead-letter");

async function digests(db: DbOrTx, input: DeadLetterInput) {
  const [ws] = await db
    .select({ ledgerSalt: workspaces.ledgerSalt, defaultCountry: workspaces.defaultCountry })
    .from(workspaces)
    .where(eq(workspaces.id, input.workspaceId));
  if (!ws) throw new Error(`No workspace ${input.workspaceId}`);
  return {
    // The same digest contacts are stored under, so erasure of the contact finds its dead letters.
    phoneDigest: input.sender.phone ? phoneDigestLenient(ws, input.sender.phone) : null,
    bsuidDigest: personalDigest(ws.ledgerSalt, "bsuid", input.sender.bsuid),
    // A redelivery of the same item is the same dead letter, counted again, not a second row. Without a
    // provider id the key is a salted digest of the raw item: a plain hash of a number could be reversed.
    itemKey: input.providerItemId ?? `raw:${personalDigest(ws.ledgerSalt, "inbound-item", input.raw)}`,
  };
}

/**
 * Keeps an item that could not be recorded. Called outside the item's own (rolled back) transaction; if it
 * throws, the webhook answers 5xx so the provider delivers again, since the item would otherwise be lost.
 */
export async function recordDeadLetter(db: DbOrTx, input: DeadLetterInput): Promise<string> {
  const { phoneDigest, bsuidDigest, itemKey } = await digests(db, input);
  const rawSealed = sealRaw(input.raw);
  const [row] = await db
    .insert(inboundDeadLetters)
    .values({
      workspaceId: input.workspaceId,
      channel: input.channel,
      kind: input.kind,
      providerItemId: input.providerItemId?.slice(0, 500) ?? null,
      itemKey: itemKey.slice(0, 500),
      reasonCode: input.reasonCode,
      reason: input.reason.slice(0, 1000),
      rawSealed,
      phoneDigest,
      bsuidDigest,
    })
    .onConflictDoUpdate({
      target: [inboundDeadLetters.workspaceId, inboundDeadLetters.channel, inboundDeadLetters.itemKey],
      set: {
        attempts: sql`${inboundDeadLetters.attempts} + 1`,
        reasonCode: input.reasonCode,
        reason: input.reason.slice(0, 1000),
        rawSealed,
        phoneDigest,
        bsuidDigest,
        resolvedAt: null,
        erasedAt: null,
      },
    })
    .returning({ id: inboundDeadLetters.id });
  return row!.id;
}
