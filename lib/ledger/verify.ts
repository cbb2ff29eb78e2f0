import { readTogether } from "../db/read-together";
import "server-only";
import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { contacts, consentEvents, eventPersonalData, ledgerCheckpoints, subscriptions } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";
import { personalDigest } from "./canonical";
import { digestEventRange, type Checkpoint } from "./checkpoint";
import type { KeptHead } from "./anchor/kept-heads";
import { verifyAnchors, type AnchorProblemKind, type AnchorSummary } from "./anchor/verify-anchors";
import { applyEvent, type SubscriptionState } from "./fold";
import { checkpointHash, eventHash } from "./hash";

export type VerifyProblemKind =
  | "event_hash_mismatch"
  | "chain_broken"
  | "sequence_gap"
  | "personal_data_mismatch"
  | "chain_head_mismatch"
  | "state_mismatch"
  | "checkpoint_hash_mismatch"
  | "checkpoint_chain_broken"
  | "checkpoint_range_gap"
  | "checkpoint_events_mismatch"
  | AnchorProblemKind;

export type VerifyProblem = {
  kind: VerifyProblemKind;
  workspaceId: string;
  message: string;
  eventId?: string;
  position?: number;
  contactId?: string;
  checkpointId?: string;
  checkpointSeq?: number;
};

export type VerifyResult = {
  ok: boolean;
  workspaces: number;
  contacts: number;
  events: number;
  checkpoints: number;
  /** Events appended after the newest checkpoint: chained per contact but not yet sealed. */
  unsealedEvents: number;
  /** Checkpoints without an RFC 3161 timestamp token (no TSA_URL, or the authority has not answered yet). */
  unanchoredCheckpoints: number;
  /** Per workspace: the tokens and kept heads checked, and the newest head anchored outside the database. */
  anchors: AnchorSummary[];
  /** The first problem found, in ledger order, then the rest (at most MAX_PROBLEMS in all). */
  problems: VerifyProblem[];
};

const MAX_PROBLEMS = 100;
const CONTACT_BATCH = 500;

type Counters = Omit<VerifyResult, "ok" | "problems" | "workspaces" | "anchors" | "unanchoredCheckpoints">;

export type VerifyOptions = {
  workspaceId?: string;
  /**
   * Heads the business kept outside Assent (ledger.checkpoint webhooks, or seq and hash noted from the Ledger
   * page). A head without a workspaceId applies to `workspaceId`, which it then requires.
   */
  keptHeads?: KeptHead[];
};

/**
 * Recomputes everything the ledger claims: each event's hash and its link to the contact's previous event,
 * personal data against its committed digests, each contact's chain head, state = fold(events), and every
 * checkpoint's chain and the digest of the events it sealed (which catches a removed contact history); then
 * checks the checkpoints against what left the database (their RFC 3161 tokens, the heads the business kept),
 * which catches a rewrite that recomputed every hash (lib/ledger/anchor/verify-anchors.ts).
 */
export async function verifyLedger(db: DbOrTx, options: VerifyOptions = {}): Promise<VerifyResult> {
  const keptHeads = options.keptHeads ?? [];
  if (!options.workspaceId && keptHeads.some((h) => !h.workspaceId)) throw new Error("a kept head without its workspace needs options.workspaceId");
  const targets = await db
    .select({ id: workspaces.id, salt: workspaces.ledgerSalt })
    .from(workspaces)
    .where(options.workspaceId ? eq(workspaces.id, options.workspaceId) : undefined)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
  const problems: VerifyProblem[] = [];
  const counters: Counters = { contacts: 0, events: 0, checkpoints: 0, unsealedEvents: 0 };
  const report = (p: VerifyProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const anchors: AnchorSummary[] = [];
  for (const ws of targets) {
    await verifyContacts(db, ws.id, ws.salt, counters, report);
    const checkpoints = await verifyCheckpoints(db, ws.id, counters, report);
    const heads = keptHeads.filter((h) => (h.workspaceId ?? options.workspaceId) === ws.id);
    const anchored = await verifyAnchors(db, ws.id, checkpoints, heads);
    for (const p of anchored.problems) report({ workspaceId: ws.id, ...p });
    anchors.push(anchored.summary);
  }
  const unanchoredCheckpoints = anchors.reduce((n, a) => n + a.unanchored, 0);
  return { ok: problems.length === 0, workspaces: targets.length, ...counters, unanchoredCheckpoints, anchors, problems };
}

/**
 * Verifies one contact's chain, personal data digests and state: what a contact's evidence page and
 * certificate show. Checkpoints are workspace-wide and verified by verifyLedger.
 */
export async function verifyContact(db: DbOrTx, workspaceId: string, contactId: string): Promise<{ ok: boolean; events: number; problems: VerifyProblem[] }> {
  const [ws] = await db.select({ salt: workspaces.ledgerSalt }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) return { ok: false, events: 0, problems: [] };
  const problems: VerifyProblem[] = [];
  const counters: Counters = { contacts: 0, events: 0, checkpoints: 0, unsealedEvents: 0 };
  await verifyContacts(db, workspaceId, ws.salt, counters, (p) => problems.push(p), contactId);
  return { ok: problems.length === 0 && counters.contacts === 1, events: counters.events, problems };
}

async function verifyContacts(db: DbOrTx, workspaceId: string, salt: string, counters: Counters, report: (p: VerifyProblem) => void, onlyContactId?: string) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db
      .select({ id: contacts.id, phone: contacts.phone, bsuid: contacts.bsuid, lastSeq: contacts.lastSeq, lastHash: contacts.lastHash })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), gt(contacts.id, after), onlyContactId ? eq(contacts.id, onlyContactId) : undefined))
      .orderBy(asc(contacts.id))
      .limit(CONTACT_BATCH);
    if (batch.length === 0) return;
    after = batch[batch.length - 1]!.id;
    counters.contacts += batch.length;
    const ids = batch.map((c) => c.id);
    const [events, personal, subs] = await readTogether(db, [
      () =>
        db
          .select()
          .from(consentEvents)
          .where(and(eq(consentEvents.workspaceId, workspaceId), inArray(consentEvents.contactId, ids)))
          .orderBy(asc(consentEvents.contactId), asc(consentEvents.seq)),
      () =>
        db
          .select()
          .from(eventPersonalData)
          .where(and(eq(eventPersonalData.workspaceId, workspaceId), inArray(eventPersonalData.contactId, ids))),
      () =>
        db
          .select()
          .from(subscriptions)
          .where(and(eq(subscriptions.workspaceId, workspaceId), inArray(subscriptions.contactId, ids))),
    ] as const);
    counters.events += events.length;
    const personalByEvent = new Map(personal.map((p) => [p.eventId, p]));
    const eventsByContact = groupBy(events, (e) => e.contactId);
    const subsByContact = groupBy(subs, (s) => s.contactId);

    for (const contact of batch) {
      const chain = eventsByContact.get(contact.id) ?? [];
      let prevHash: string | null = null;
      const folded = new Map<string, { state: SubscriptionState; eventId: string }>();
      chain.forEach((event, index) => {
        const where = { workspaceId, eventId: event.id, position: event.position, contactId: contact.id };
        if (event.seq !== index + 1) {
          report({ kind: "sequence_gap", ...where, message: `event ${event.id} has seq ${event.seq}, expected ${index + 1}: an earlier event is missing` });
        }
        if (event.prevHash !== prevHash) {
          report({ kind: "chain_broken", ...where, message: `event ${event.id} does not link to the contact's previous event` });
        }
        if (eventHash(event) !== event.hash) {
          report({ kind: "event_hash_mismatch", ...where, message: `event ${event.id} was altered: its content no longer matches its hash` });
        }
        const plain = personalByEvent.get(event.id);
        // An event commits only to the identifiers its command carried: one written by BSUID alone, before the
        // contact's number was linked, has no phone digest to compare, and an event from before BSUIDs none for it.
        const mismatched = [
          ["phone", event.phoneDigest === null ? null : contact.phone, event.phoneDigest],
          ["bsuid", event.bsuidDigest === null ? null : contact.bsuid, event.bsuidDigest],
          ["name", plain?.name, event.nameDigest],
          ["ip", plain?.ip, event.ipDigest],
          ["user_agent", plain?.userAgent, event.userAgentDigest],
          ["note", plain?.note, event.noteDigest],
        ].filter(([kind, value, digest]) => value && personalDigest(salt, kind!, value) !== digest);
        if (mismatched.length > 0) {
          report({
            kind: "personal_data_mismatch",
            ...where,
            message: `event ${event.id}: stored ${mismatched.map(([k]) => k).join(", ")} differ from what the event committed`,
          });
        }
        prevHash = event.hash;
        const previous = folded.get(event.categoryId)?.state;
        folded.set(event.categoryId, { state: applyEvent(previous, event), eventId: event.id });
      });
      if (contact.lastSeq !== chain.length || contact.lastHash !== prevHash) {
        report({
          kind: "chain_head_mismatch",
          workspaceId,
          contactId: contact.id,
          message: `contact ${contact.id} records ${contact.lastSeq} events but ${chain.length} are in the ledger`,
        });
      }
      const stored = subsByContact.get(contact.id) ?? [];
      const stateMismatch =
        stored.length !== folded.size ||
        stored.some((s) => {
          const f = folded.get(s.categoryId);
          return !f || f.state.state !== s.state || f.state.optInLevel !== s.optInLevel || f.eventId !== s.eventId;
        });
      if (stateMismatch) {
        report({ kind: "state_mismatch", workspaceId, contactId: contact.id, message: `contact ${contact.id}: subscription state differs from its events` });
      }
    }
  }
}

async function verifyCheckpoints(db: DbOrTx, workspaceId: string, counters: Counters, report: (p: VerifyProblem) => void): Promise<Checkpoint[]> {
  const checkpoints = await db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.workspaceId, workspaceId)).orderBy(asc(ledgerCheckpoints.seq));
  counters.checkpoints += checkpoints.length;
  let prev: (typeof checkpoints)[number] | undefined;
  for (const cp of checkpoints) {
    const where = { workspaceId, checkpointId: cp.id, checkpointSeq: cp.seq };
    if (checkpointHash(cp) !== cp.hash) {
      report({ kind: "checkpoint_hash_mismatch", ...where, message: `checkpoint ${cp.seq} was altered` });
    }
    if (cp.prevHash !== (prev?.hash ?? null) || cp.seq !== (prev?.seq ?? 0) + 1) {
      report({ kind: "checkpoint_chain_broken", ...where, message: `checkpoint ${cp.seq} does not link to checkpoint ${prev?.seq ?? "(none)"}` });
    }
    if (cp.fromPosition !== (prev?.toPosition ?? 0)) {
      report({ kind: "checkpoint_range_gap", ...where, message: `checkpoint ${cp.seq} does not start where checkpoint ${prev?.seq ?? "(none)"} ended` });
    }
    const actual = await digestEventRange(db, workspaceId, cp.fromPosition, cp.toPosition);
    if (actual.digest !== cp.eventsDigest || actual.count !== cp.eventCount) {
      report({
        kind: "checkpoint_events_mismatch",
        ...where,
        position: cp.fromPosition,
        message: `checkpoint ${cp.seq} sealed ${cp.eventCount} events at positions ${cp.fromPosition + 1}–${cp.toPosition}; ${actual.count} are there now and their digest differs: events were removed or altered`,
      });
    }
    prev = cp;
  }
  const sealedUpTo = prev?.toPosition ?? 0;
  const [unsealed] = await db
    .select({ n: count() })
    .from(consentEvents)
    .where(and(eq(consentEvents.workspaceId, workspaceId), gt(consentEvents.position, sealedUpTo)));
  counters.unsealedEvents += Number(unsealed?.n ?? 0);
  return checkpoints;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
