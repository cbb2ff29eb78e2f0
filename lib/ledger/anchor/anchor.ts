import "server-only";
import { and, asc, eq, lte, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ledgerCheckpointAnchors, ledgerCheckpoints } from "../../db/schema/ledger";
import { queryRows } from "../../db/sql";
import { createCheckpoint, type Checkpoint, type CheckpointOptions } from "../checkpoint";
import { canonicalCheckpoint } from "../hash";
import { queueCheckpointWebhook } from "./checkpoint-webhook";
import { requestTimestamp } from "./tsa-request";
import { checkTimestampToken, TimestampTokenError } from "./tsa-token";

/**
 * Asks the authority to timestamp the checkpoint's hash, checks the token against the checkpoint, and stores it
 * with the checkpoint's ledger.checkpoint webhook in one transaction. No transaction is open during the HTTP call
 * (PGlite has one connection, and the TSA may be slow). Two instances anchoring the same checkpoint at once store
 * the first token; the second is dropped and no second webhook is sent. Throws when the authority fails.
 */
export async function anchorCheckpoint(db: Db, cp: Checkpoint, tsaUrl: string): Promise<{ genTime: Date } | null> {
  const token = await requestTimestamp(tsaUrl, cp.hash);
  const check = await checkTimestampToken(token, canonicalCheckpoint(cp), cp.hash);
  if (!check.ok) throw new TimestampTokenError(`checkpoint ${cp.seq}: ${check.problem}`);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ledgerCheckpointAnchors)
      .values({ checkpointId: cp.id, workspaceId: cp.workspaceId, token, genTime: check.genTime, tsaUrl })
      .onConflictDoNothing()
      .returning({ genTime: ledgerCheckpointAnchors.genTime });
    if (row) await queueCheckpointWebhook(tx, cp, { token, genTime: check.genTime });
    return row ?? null;
  });
}

export type SealResult = { checkpoint: Checkpoint | null; anchored: boolean; anchorError?: string };

/**
 * Seals a checkpoint (createCheckpoint) and, with a time-stamping authority configured, timestamps it at once. A
 * failed timestamp never loses the checkpoint: it stays sealed, un-anchored, and anchorPending asks again later.
 */
export async function sealCheckpoint(
  db: Db,
  workspaceId: string,
  options: Omit<CheckpointOptions, "timestamped"> & { tsaUrl?: string } = {},
): Promise<SealResult> {
  const { tsaUrl, ...sealing } = options;
  const checkpoint = await createCheckpoint(db, workspaceId, { ...sealing, timestamped: Boolean(tsaUrl) });
  if (!checkpoint || !tsaUrl) return { checkpoint, anchored: false };
  try {
    await anchorCheckpoint(db, checkpoint, tsaUrl);
    return { checkpoint, anchored: true };
  } catch (error) {
    return { checkpoint, anchored: false, anchorError: (error as Error).message };
  }
}

/** Seals every workspace that has new events; what `ledger:checkpoint` without --workspace does. */
export async function sealAllWorkspaces(db: Db, options: { tsaUrl?: string } = {}): Promise<({ workspaceId: string } & SealResult)[]> {
  const all = await queryRows<{ id: string }>(db, sql`select id from workspaces order by created_at, id`);
  const results = [];
  for (const ws of all) results.push({ workspaceId: ws.id, ...(await sealCheckpoint(db, ws.id, options)) });
  return results;
}

/**
 * Timestamps the checkpoints still without a token, oldest first, once they are `graceSeconds` old (until then
 * the instance that sealed one is still asking for it). Stops at the first failure: the authority is likely down,
 * and the next pass asks again. Returns how many were anchored.
 */
export async function anchorPending(
  db: Db,
  tsaUrl: string,
  options: { graceSeconds?: number; limit?: number; onError?: (e: unknown) => void; now?: Date } = {},
): Promise<number> {
  const { graceSeconds = 60, limit = 20, onError = () => {}, now = new Date() } = options;
  const sealedBefore = new Date(now.getTime() - graceSeconds * 1000);
  const pending = await db
    .select()
    .from(ledgerCheckpoints)
    .where(
      and(
        notExists(db.select({ one: sql`1` }).from(ledgerCheckpointAnchors).where(eq(ledgerCheckpointAnchors.checkpointId, ledgerCheckpoints.id))),
        lte(ledgerCheckpoints.createdAt, sealedBefore),
      ),
    )
    .orderBy(asc(ledgerCheckpoints.createdAt), asc(ledgerCheckpoints.seq))
    .limit(limit);
  let anchored = 0;
  for (const cp of pending) {
    try {
      if (await anchorCheckpoint(db, cp, tsaUrl)) anchored += 1;
    } catch (error) {
      onError(error);
      break;
    }
  }
  return anchored;
}
