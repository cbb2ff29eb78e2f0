import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { defineWorkspaceAction } from "../../handlers/workspace-action";
import { recordStaffAudit } from "../../handlers/audit";
import type { Db } from "../../db/client";
import { inboundDeadLetters } from "../../db/schema/channels";
import { ConflictError, NotFoundError } from "../../errors";
import { findInboundChannel } from "../settings";
import { runSms } from "../sms/webhook";
import { processWhatsAppNotification, whatsappDeadLetter } from "../whatsapp/webhook";
import { openRaw, recordDeadLetter, type DeadLetterReason } from "./store";

export type RetryOutcome = { status: "resolved" } | { status: "already_resolved" } | ({ status: "still_failing" } & DeadLetterReason);

/**
 * Runs a dead letter through the same code the webhook runs (the same claims, so an item already recorded, by
 * an earlier retry or by the provider's redelivery, is not recorded twice). Resolved on success; otherwise kept
 * with the new reason. Replies are not sent: the person wrote long ago and the consent is what must not be lost.
 */
export async function retryDeadLetter(db: Db, workspace: { id: string; slug: string }, deadLetterId: string): Promise<RetryOutcome> {
  const [row] = await db
    .select()
    .from(inboundDeadLetters)
    .where(and(eq(inboundDeadLetters.id, deadLetterId), eq(inboundDeadLetters.workspaceId, workspace.id)));
  if (!row) throw new NotFoundError("This dead letter");
  if (row.resolvedAt) return { status: "already_resolved" };
  if (!row.rawSealed) throw new ConflictError("dead_letter_erased", "Its content was erased with the person's data, so there is nothing left to run again.");
  const channel = await findInboundChannel(db, workspace.slug);
  if (!channel) throw new ConflictError("channel_not_connected", "Connect WhatsApp and SMS in Settings → Channels first.");
  const raw = openRaw(row.rawSealed);

  let failure: DeadLetterReason | null = null;
  if (row.channel === "whatsapp") {
    const { handled, failures } = await processWhatsAppNotification(db, channel, raw);
    if (handled === 0)
      failure = { reasonCode: "not_for_this_number", reason: "It is for another WhatsApp number than the one now connected; nothing was recorded." };
    else if (failures[0]) failure = failures[0];
    // Only a whole notification kept as unreadable can hold more than one item, once a newer Assent reads it.
    for (const other of failures.slice(1)) await recordDeadLetter(db, whatsappDeadLetter(channel, other));
  } else {
    const outcome = await runSms(db, channel, new URLSearchParams(raw));
    if (!outcome.ok) failure = { reasonCode: outcome.reasonCode, reason: outcome.reason };
  }
  await db
    .update(inboundDeadLetters)
    .set({
      attempts: sql`${inboundDeadLetters.attempts} + 1`,
      retriedAt: new Date(),
      resolvedAt: failure ? null : new Date(),
      ...(failure ? { reasonCode: failure.reasonCode, reason: failure.reason.slice(0, 1000) } : {}),
    })
    .where(eq(inboundDeadLetters.id, row.id));
  return failure ? { status: "still_failing", ...failure } : { status: "resolved" };
}

export const retryDeadLetterSchema = z.object({ workspace: z.string(), deadLetterId: z.string().uuid("Reload the page: that item is not known.") });

export const retryInboundDeadLetter = defineWorkspaceAction({
  name: "inbound.deadLetters.retry",
  permission: "deadletters:retry",
  schema: retryDeadLetterSchema,
  async run(ctx, input) {
    const outcome = await retryDeadLetter(ctx.db, ctx.actor.workspace, input.deadLetterId);
    await recordStaffAudit(ctx.db, ctx, {
      action: "inbound.dead_letter.retry",
      targetType: "inbound_dead_letter",
      targetId: input.deadLetterId,
      detail: { outcome: outcome.status, ...(outcome.status === "still_failing" ? { reasonCode: outcome.reasonCode } : {}) },
    });
    if (outcome.status === "already_resolved") return { message: "Already resolved: nothing was run again." };
    if (outcome.status === "resolved") return { message: "Recorded. Anything it had already recorded was not recorded twice." };
    return { message: `Still not recorded: ${outcome.reason}` };
  },
});
