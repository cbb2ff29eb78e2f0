import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { ledgerCheckpoints } from "../../db/schema/ledger";

/** Listed, with its label, among the topics endpoints subscribe to (lib/webhooks/topics.ts; the ledger does not import features). */
export const CHECKPOINT_TOPIC = "ledger.checkpoint";

type CheckpointRow = typeof ledgerCheckpoints.$inferSelect;

/**
 * What the business receives, and may keep, for each checkpoint: every field its hash covers (so the hash can be
 * recomputed from the message alone, docs/ledger.md), the hash, and the time-stamp token when there is one.
 * Kept messages are what `ledger:verify --anchors <file>` reads back.
 */
export function checkpointWebhookPayload(cp: CheckpointRow, anchor: { token: Buffer; genTime: Date } | null) {
  return {
    workspaceId: cp.workspaceId,
    seq: cp.seq,
    fromPosition: cp.fromPosition,
    toPosition: cp.toPosition,
    eventCount: cp.eventCount,
    eventsDigest: cp.eventsDigest,
    prevHash: cp.prevHash,
    hash: cp.hash,
    createdAt: cp.createdAt.toISOString(),
    tsaToken: anchor ? anchor.token.toString("base64") : null,
    tsaGenTime: anchor ? anchor.genTime.toISOString() : null,
  };
}

/** Queues the message in the outbox, inside the caller's transaction: it goes out if and only if that commits. */
export async function queueCheckpointWebhook(tx: DbOrTx, cp: CheckpointRow, anchor: { token: Buffer; genTime: Date } | null): Promise<void> {
  const payload = checkpointWebhookPayload(cp, anchor);
  await tx.execute(sql`insert into outbox (workspace_id, topic, payload) values (${cp.workspaceId}, ${CHECKPOINT_TOPIC}, ${JSON.stringify(payload)}::jsonb)`);
}
