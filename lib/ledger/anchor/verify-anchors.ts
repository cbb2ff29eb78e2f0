import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { consentEvents, ledgerCheckpointAnchors, type ledgerCheckpoints } from "../../db/schema/ledger";
import { canonicalCheckpoint, checkpointHash } from "../hash";
import type { KeptHead } from "./kept-heads";
import { checkTimestampToken } from "./tsa-token";

type CheckpointRow = typeof ledgerCheckpoints.$inferSelect;

export type AnchorProblemKind = "anchor_token_mismatch" | "anchor_head_mismatch" | "anchor_checkpoint_missing" | "anchor_copy_invalid";

export type AnchorProblem = { kind: AnchorProblemKind; checkpointSeq: number; checkpointId?: string; message: string };

/** What was checked against copies outside the database, for one workspace. */
export type AnchorSummary = {
  workspaceId: string;
  /** Checkpoints whose RFC 3161 token verifies against them. */
  timestamped: number;
  /** Checkpoints with no token (no TSA_URL, or the authority has not answered yet). */
  unanchored: number;
  /** Heads the business kept that were given to verify, and how many of them still match. */
  keptHeads: number;
  keptHeadsMatching: number;
  /** The newest checkpoint that matches a token or a kept head: history up to it cannot have been rewritten since. */
  newestAnchoredHead: { seq: number; hash: string; toPosition: number; source: "tsa" | "kept"; anchoredAt: string; ageSeconds: number } | null;
  /** Events after that head: what an insider could still remove or rewrite without an anchor contradicting it. */
  eventsAfterAnchoredHead: number;
};

const iso = (d: Date) => d.toISOString();

/**
 * Checks the workspace's checkpoints against what left the database: each stored RFC 3161 token (its imprint must
 * be this checkpoint's recomputed hash, its signature must verify), and each head the business kept (that seq must
 * still exist with that hash). A rewrite consistent inside the database changes the hash of every checkpoint from
 * the first rewritten event on, so the lowest-numbered mismatch names where history was changed; problems come
 * back in checkpoint order.
 */
export async function verifyAnchors(
  db: DbOrTx,
  workspaceId: string,
  checkpoints: CheckpointRow[],
  keptHeads: KeptHead[],
  now = new Date(),
): Promise<{ summary: AnchorSummary; problems: AnchorProblem[] }> {
  const tokens = await db
    .select({ checkpointId: ledgerCheckpointAnchors.checkpointId, token: ledgerCheckpointAnchors.token })
    .from(ledgerCheckpointAnchors)
    .where(eq(ledgerCheckpointAnchors.workspaceId, workspaceId));
  const tokenOf = new Map(tokens.map((t) => [t.checkpointId, t.token]));
  const problems: AnchorProblem[] = [];
  const anchoredHeads: NonNullable<AnchorSummary["newestAnchoredHead"]>[] = [];
  const headOf = (cp: CheckpointRow, source: "tsa" | "kept", at: Date) => ({
    seq: cp.seq,
    hash: cp.hash,
    toPosition: cp.toPosition,
    source,
    anchoredAt: iso(at),
    ageSeconds: Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000)),
  });
  let timestamped = 0;
  for (const cp of checkpoints) {
    const token = tokenOf.get(cp.id);
    if (!token) continue;
    const check = await checkTimestampToken(token, canonicalCheckpoint(cp), checkpointHash(cp));
    if (check.ok) {
      timestamped += 1;
      anchoredHeads.push(headOf(cp, "tsa", check.genTime));
    } else {
      const when = check.genTime ? ` (timestamped ${iso(check.genTime)})` : "";
      problems.push({
        kind: "anchor_token_mismatch",
        checkpointSeq: cp.seq,
        checkpointId: cp.id,
        message: `checkpoint ${cp.seq} no longer matches its RFC 3161 timestamp${when}: ${check.problem}. Its events, or an earlier checkpoint, were rewritten after it was timestamped`,
      });
    }
  }

  const bySeq = new Map(checkpoints.map((cp) => [cp.seq, cp]));
  let keptHeadsMatching = 0;
  for (const kept of [...keptHeads].sort((a, b) => a.seq - b.seq)) {
    const copy = await checkKeptCopy(kept);
    if ("problem" in copy) {
      problems.push({ kind: "anchor_copy_invalid", checkpointSeq: kept.seq, message: `the kept copy of checkpoint ${kept.seq} ${copy.problem}` });
      continue;
    }
    const cp = bySeq.get(kept.seq);
    if (!cp) {
      problems.push({
        kind: "anchor_checkpoint_missing",
        checkpointSeq: kept.seq,
        message: `checkpoint ${kept.seq}, whose head you kept (hash ${kept.hash}), is no longer in the ledger: checkpoints were deleted`,
      });
    } else if (cp.hash !== kept.hash || checkpointHash(cp) !== kept.hash) {
      problems.push({
        kind: "anchor_head_mismatch",
        checkpointSeq: cp.seq,
        checkpointId: cp.id,
        message: `checkpoint ${cp.seq} no longer matches the head you kept (hash ${kept.hash}, now ${checkpointHash(cp)}): the events up to position ${cp.toPosition}, or the checkpoints up to it, were rewritten`,
      });
    } else {
      keptHeadsMatching += 1;
      anchoredHeads.push(headOf(cp, "kept", copy.genTime ?? cp.createdAt));
    }
  }
  problems.sort((a, b) => a.checkpointSeq - b.checkpointSeq);

  // The newest head that matched; a mismatch at or before it would already be a problem above.
  const newest = anchoredHeads.sort((a, b) => b.seq - a.seq || a.anchoredAt.localeCompare(b.anchoredAt))[0] ?? null;
  const [after] = await db
    .select({ n: count() })
    .from(consentEvents)
    .where(and(eq(consentEvents.workspaceId, workspaceId), gt(consentEvents.position, newest?.toPosition ?? 0)));
  return {
    summary: {
      workspaceId,
      timestamped,
      unanchored: checkpoints.filter((cp) => !tokenOf.has(cp.id)).length,
      keptHeads: keptHeads.length,
      keptHeadsMatching,
      newestAnchoredHead: newest,
      eventsAfterAnchoredHead: Number(after?.n ?? 0),
    },
    problems,
  };
}

/** A kept whole message must be consistent on its own: its hash over its fields, its token over that hash. */
async function checkKeptCopy(kept: KeptHead): Promise<{ problem: string } | { genTime?: Date }> {
  if (!kept.fields) return {};
  if (checkpointHash(kept.fields) !== kept.hash) return { problem: "does not hash to its own hash: it was altered" };
  if (!kept.tsaToken) return {};
  const check = await checkTimestampToken(kept.tsaToken, canonicalCheckpoint(kept.fields), kept.hash);
  return check.ok ? { genTime: check.genTime } : { problem: `carries a timestamp token that does not verify: ${check.problem}` };
}
