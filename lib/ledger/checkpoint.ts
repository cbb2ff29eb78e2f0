import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, lte, max, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { consentEvents, ledgerCheckpointAnchors, ledgerCheckpoints } from "../db/schema/ledger";
import { queryRows } from "../db/sql";
import { queueCheckpointWebhook } from "./anchor/checkpoint-webhook";
import { checkpointHash } from "./hash";

export type Checkpoint = typeof ledgerCheckpoints.$inferSelect;

const BATCH = 5000;

/**
 * SHA-256 over the hashes of the workspace's events in (fromPosition, toPosition], in position order,
 * each followed by a newline. Read in batches so memory stays flat however many events a range holds.
 */
export async function digestEventRange(db: DbOrTx, workspaceId: string, fromPosition: number, toPosition: number): Promise<{ digest: string; count: number }> {
  const hasher = createHash("sha256");
  let after = fromPosition;
  let count = 0;
  for (;;) {
    const rows = await db
      .select({ position: consentEvents.position, hash: consentEvents.hash })
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, workspaceId), gt(consentEvents.position, after), lte(consentEvents.position, toPosition)))
      .orderBy(asc(consentEvents.position))
      .limit(BATCH);
    for (const row of rows) hasher.update(`${row.hash}\n`);
    count += rows.length;
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.position;
  }
  return { digest: hasher.digest("hex"), count };
}

/**
 * The highest position below which every append has committed. Positions come from a sequence, so a
 * later-numbered event can commit before an earlier one; a SHARE lock waits for appends in flight and
 * holds new ones only for the one statement that reads the maximum.
 */
async function settledPosition(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table consent_events in share mode`);
    const [row] = await tx.select({ max: max(consentEvents.position) }).from(consentEvents);
    return Number(row?.max ?? 0);
  });
}

export async function latestCheckpoint(db: DbOrTx, workspaceId: string): Promise<Checkpoint | undefined> {
  const [row] = await db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.workspaceId, workspaceId)).orderBy(desc(ledgerCheckpoints.seq)).limit(1);
  return row;
}

export type CheckpointOptions = {
  /** Seal only if the previous checkpoint is at least this old: the schedule's interval, checked under the lock. */
  dueAfterSeconds?: number;
  /** false: give up at once when another instance is sealing this workspace (the schedule); true: wait (by hand). */
  wait?: boolean;
  /** A time-stamping authority will be asked for a token: the ledger.checkpoint webhook then waits to carry it. */
  timestamped?: boolean;
  /** The clock `dueAfterSeconds` is measured by (tests move it on; the checkpoint's createdAt is always the real time). */
  now?: Date;
};

/**
 * Seals the workspace's events since its last checkpoint, and queues the ledger.checkpoint webhook in the same
 * transaction (unless a timestamp is to be added first). Returns null when there is nothing new, when the previous
 * checkpoint is younger than `dueAfterSeconds`, or when another instance holds the workspace and `wait` is false.
 */
export async function createCheckpoint(db: Db, workspaceId: string, options: CheckpointOptions = {}): Promise<Checkpoint | null> {
  const { dueAfterSeconds = 0, wait = true, timestamped = false, now: clock } = options;
  const upTo = await settledPosition(db);
  return db.transaction(async (tx) => {
    // Two checkpoint runs for one workspace must not both extend the same predecessor.
    const key = `assent:checkpoint:${workspaceId}`;
    if (wait) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    else {
      const [got] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`);
      if (!got?.locked) return null;
    }
    const previous = await latestCheckpoint(tx, workspaceId);
    const now = new Date();
    if (previous && (clock ?? now).getTime() - previous.createdAt.getTime() < dueAfterSeconds * 1000) return null;
    const fromPosition = previous?.toPosition ?? 0;
    if (upTo <= fromPosition) return null;
    const { digest, count } = await digestEventRange(tx, workspaceId, fromPosition, upTo);
    if (count === 0) return null;
    const fields = {
      workspaceId,
      seq: (previous?.seq ?? 0) + 1,
      fromPosition,
      toPosition: upTo,
      eventCount: count,
      eventsDigest: digest,
      prevHash: previous?.hash ?? null,
      createdAt: now,
    };
    const [row] = await tx
      .insert(ledgerCheckpoints)
      .values({ ...fields, hash: checkpointHash(fields) })
      .returning();
    if (row && !timestamped) await queueCheckpointWebhook(tx, row, null);
    return row ?? null;
  });
}

/** A workspace's checkpoints, newest first, with when their RFC 3161 token says they were timestamped, for the ledger page. */
export async function listCheckpoints(db: DbOrTx, workspaceId: string, limit = 20): Promise<(Checkpoint & { timestampedAt: Date | null })[]> {
  const rows = await db
    .select({ checkpoint: ledgerCheckpoints, timestampedAt: ledgerCheckpointAnchors.genTime })
    .from(ledgerCheckpoints)
    .leftJoin(ledgerCheckpointAnchors, eq(ledgerCheckpointAnchors.checkpointId, ledgerCheckpoints.id))
    .where(eq(ledgerCheckpoints.workspaceId, workspaceId))
    .orderBy(desc(ledgerCheckpoints.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r.checkpoint, timestampedAt: r.timestampedAt }));
}
