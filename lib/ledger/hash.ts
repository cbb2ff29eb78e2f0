import { canonicalJson, canonicalTemplate, type Canonical } from "./canonical";
import { sha256Hex } from "../security/digest";
import type { Actor, ConsentAction, EventChannel, Evidence, OptInLevel } from "./types";

/** Bumped if the encoding ever changes; stored implicitly as the "v" member so old events still verify. */
export const HASH_VERSION = 1;

/** Exactly the stored fields an event hash covers. Plain personal data is absent: only its digests. */
export type HashedEventFields = {
  id: string;
  workspaceId: string;
  contactId: string;
  seq: number;
  commandId: string;
  categoryId: string;
  categoryKey: string;
  action: ConsentAction;
  channel: EventChannel;
  optInLevel: OptInLevel | null;
  formVersionId: string | null;
  formVersionDigest: string | null;
  language: string | null;
  occurredAt: Date;
  recordedAt: Date;
  evidence: Evidence;
  actor: Actor;
  /** Null only on an event whose command named no number (a BSUID alone). */
  phoneDigest: string | null;
  /**
   * Present only when the command carried a BSUID: a null or missing value is left out of the encoding, so every
   * event written before BSUIDs existed hashes exactly as it did.
   */
  bsuidDigest?: string | null;
  nameDigest: string | null;
  ipDigest: string | null;
  userAgentDigest: string | null;
  noteDigest: string | null;
  prevHash: string | null;
};

/** The object an event's hash is the SHA-256 of (its canonical JSON); the ledger's proof export writes it as is. */
export function hashedEventMembers(e: HashedEventFields): { [key: string]: Canonical | undefined } {
  return {
    v: HASH_VERSION,
    id: e.id,
    workspaceId: e.workspaceId,
    contactId: e.contactId,
    seq: e.seq,
    commandId: e.commandId,
    categoryId: e.categoryId,
    categoryKey: e.categoryKey,
    action: e.action,
    channel: e.channel,
    optInLevel: e.optInLevel,
    formVersionId: e.formVersionId,
    formVersionDigest: e.formVersionDigest,
    language: e.language,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    evidence: e.evidence as Canonical,
    actor: e.actor as Canonical,
    phoneDigest: e.phoneDigest,
    bsuidDigest: e.bsuidDigest ?? undefined,
    nameDigest: e.nameDigest,
    ipDigest: e.ipDigest,
    userAgentDigest: e.userAgentDigest,
    noteDigest: e.noteDigest,
    prevHash: e.prevHash,
  };
}

export function canonicalEvent(e: HashedEventFields): string {
  return canonicalJson(hashedEventMembers(e));
}

export function eventHash(e: HashedEventFields): string {
  return sha256Hex(canonicalEvent(e));
}

/** The fields that place an event in its contact's chain: known only once the contact's row is locked. */
const CHAIN_FIELDS = ["contactId", "seq", "prevHash"] as const;
export type ChainFields = Pick<HashedEventFields, (typeof CHAIN_FIELDS)[number]>;

/** eventHash with everything but the chain fields encoded ahead, so little hashing work is done under the lock. */
export function eventHasher(e: Omit<HashedEventFields, keyof ChainFields>): (chain: ChainFields) => string {
  const encode = canonicalTemplate(hashedEventMembers({ ...e, contactId: "", seq: 0, prevHash: null }), CHAIN_FIELDS);
  return (chain) => sha256Hex(encode(chain));
}

export type CheckpointFields = {
  workspaceId: string;
  seq: number;
  fromPosition: number;
  toPosition: number;
  eventCount: number;
  eventsDigest: string;
  prevHash: string | null;
  createdAt: Date;
};

/**
 * The document a checkpoint's hash is the SHA-256 of. It is also what a time-stamping authority timestamps:
 * the token's messageImprint is SHA-256 over these bytes, i.e. the checkpoint's hash itself.
 */
export function canonicalCheckpoint(c: CheckpointFields): string {
  return canonicalJson({
    v: HASH_VERSION,
    workspaceId: c.workspaceId,
    seq: c.seq,
    fromPosition: c.fromPosition,
    toPosition: c.toPosition,
    eventCount: c.eventCount,
    eventsDigest: c.eventsDigest,
    prevHash: c.prevHash,
    createdAt: c.createdAt.toISOString(),
  });
}

/** A checkpoint's hash chains it to the previous one and commits to the digest of the events it seals. */
export function checkpointHash(c: CheckpointFields): string {
  return sha256Hex(canonicalCheckpoint(c));
}
