import "server-only";
import { and, asc, eq, gt, lte, max } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { consentEvents, ledgerCheckpointAnchors, ledgerCheckpoints } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";
import { checkpointWebhookPayload } from "../ledger/anchor/checkpoint-webhook";
import { HASH_VERSION, hashedEventMembers } from "../ledger/hash";

/** Named in the first line, so a verifier knows what it reads and which layout. */
export const PROOF_FORMAT = "assent-ledger-proof";
export const PROOF_FORMAT_VERSION = 1;

const EVENT_BATCH = 2000;
const CHECKPOINT_BATCH = 500;

/**
 * A workspace's ledger as a proof: JSON Lines that carry everything needed to recompute every event hash, every
 * chain link and every checkpoint without Assent's code or database (packages/assent-verify, docs/ledger.md).
 *
 *   {"type":"header", format, version, hashVersion, workspaceId, workspaceSlug, exportedAt}
 *   {"type":"event", position, hash, event}   event: the members the hash covers, exactly as hashed
 *   {"type":"checkpoint", …}                   what the ledger.checkpoint webhook carries, token included
 *   {"type":"end", events, checkpoints, tokens}
 *
 * Lines are in ledger order: each checkpoint follows the last event it seals. Personal data enters a hash only
 * as an HMAC digest, so the proof holds the digests and never the plain values nor the salt. It is read in keyset
 * batches and yielded line by line, so memory stays flat for any ledger. The bounds are taken first: every
 * checkpoint sealed before the export started, and the events up to the highest position then (an event sealed by
 * one of those checkpoints had committed before it was sealed, so none can be missing).
 */
export async function* exportLedgerProof(db: DbOrTx, workspaceId: string, now = new Date()): AsyncGenerator<string> {
  const [ws] = await db.select({ id: workspaces.id, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) throw new Error(`no workspace ${workspaceId}`);
  const [cpBound] = await db
    .select({ seq: max(ledgerCheckpoints.seq) })
    .from(ledgerCheckpoints)
    .where(eq(ledgerCheckpoints.workspaceId, ws.id));
  const [evBound] = await db
    .select({ position: max(consentEvents.position) })
    .from(consentEvents)
    .where(eq(consentEvents.workspaceId, ws.id));
  const lastSeq = Number(cpBound?.seq ?? 0);
  const lastPosition = Number(evBound?.position ?? 0);

  yield line({
    type: "header",
    format: PROOF_FORMAT,
    version: PROOF_FORMAT_VERSION,
    hashVersion: HASH_VERSION,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    exportedAt: now.toISOString(),
  });
  const counts = { events: 0, checkpoints: 0, tokens: 0 };
  const checkpoints = checkpointLines(db, ws.id, lastSeq);
  let pending = await checkpoints.next();
  let after = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, ws.id), gt(consentEvents.position, after), lte(consentEvents.position, lastPosition)))
      .orderBy(asc(consentEvents.position))
      .limit(EVENT_BATCH);
    let out = "";
    for (const event of batch) {
      // A checkpoint goes right after the last event it seals, i.e. before the first one after its range.
      while (!pending.done && pending.value.toPosition < event.position) {
        out += pending.value.text;
        counts.checkpoints += 1;
        if (pending.value.token) counts.tokens += 1;
        pending = await checkpoints.next();
      }
      out += line({ type: "event", position: event.position, hash: event.hash, event: hashedEventMembers(event) });
      counts.events += 1;
    }
    if (out) yield out;
    if (batch.length < EVENT_BATCH) break;
    after = batch[batch.length - 1]!.position;
  }
  for (; !pending.done; pending = await checkpoints.next()) {
    yield pending.value.text;
    counts.checkpoints += 1;
    if (pending.value.token) counts.tokens += 1;
  }
  yield line({ type: "end", ...counts });
}

async function* checkpointLines(db: DbOrTx, workspaceId: string, lastSeq: number): AsyncGenerator<{ toPosition: number; token: boolean; text: string }> {
  let afterSeq = 0;
  for (;;) {
    const rows = await db
      .select({ checkpoint: ledgerCheckpoints, token: ledgerCheckpointAnchors.token, genTime: ledgerCheckpointAnchors.genTime })
      .from(ledgerCheckpoints)
      .leftJoin(ledgerCheckpointAnchors, eq(ledgerCheckpointAnchors.checkpointId, ledgerCheckpoints.id))
      .where(and(eq(ledgerCheckpoints.workspaceId, workspaceId), gt(ledgerCheckpoints.seq, afterSeq), lte(ledgerCheckpoints.seq, lastSeq)))
      .orderBy(asc(ledgerCheckpoints.seq))
      .limit(CHECKPOINT_BATCH);
    for (const { checkpoint, token, genTime } of rows) {
      const anchor = token && genTime ? { token, genTime } : null;
      yield {
        toPosition: checkpoint.toPosition,
        token: anchor !== null,
        text: line({ type: "checkpoint", ...checkpointWebhookPayload(checkpoint, anchor) }),
      };
    }
    if (rows.length < CHECKPOINT_BATCH) return;
    afterSeq = rows[rows.length - 1]!.checkpoint.seq;
  }
}

const line = (value: object) => `${JSON.stringify(value)}\n`;
