import "server-only";
import { randomUUID } from "node:crypto";
import { personalDigest } from "../ledger/canonical";
import { applyEvent, type SubscriptionState } from "../ledger/fold";
import { optInLevelOf } from "../ledger/plan";
import type { Actor, ConsentAction, EventChannel, Evidence } from "../ledger/types";
import { CopyRows } from "./bulk-copy";
import { type cachedDigests, eventHashTemplate } from "./bulk-hash";

/**
 * The pieces of a generated ledger that every generator shares (the bench's and e2e's bulk contacts, the demo's
 * history): rows exactly as `append` would write them, the same hashes, digests, chains and folded state, so
 * `verify()` passes on them. What differs between generators is only which commands each contact gets.
 */

const tables = {
  contacts: "contacts (id, workspace_id, phone_digest, phone, name, last_seq, last_hash, created_at, updated_at)",
  // position is left to its sequence, so it follows the order rows are copied in, as appends would give it.
  events:
    "consent_events (id, workspace_id, contact_id, seq, command_id, category_id, category_key, action, channel, opt_in_level," +
    " form_version_id, form_version_digest, language, occurred_at, recorded_at, evidence, actor, phone_digest, name_digest," +
    " ip_digest, user_agent_digest, prev_hash, hash)",
  personal: "event_personal_data (event_id, workspace_id, contact_id, name, ip, user_agent)",
  subscriptions: "subscriptions (workspace_id, contact_id, category_id, state, opt_in_level, event_id, changed_at)",
};

export type BulkBatch = { [table in keyof typeof tables]: CopyRows };

export function newBulkBatch(): BulkBatch {
  return {
    contacts: new CopyRows(tables.contacts),
    events: new CopyRows(tables.events),
    personal: new CopyRows(tables.personal),
    subscriptions: new CopyRows(tables.subscriptions),
  };
}

/** In foreign-key order: contacts before their events, events before their personal data. */
export const batchTables = (batch: BulkBatch): CopyRows[] => [batch.contacts, batch.events, batch.personal, batch.subscriptions];

export type BulkWorkspace = { workspaceId: string; ledgerSalt: string; categories: { id: string; key: string }[] };
export type BulkFormVersion = { id: string; digest: string; language: string };

/** What one kind of command shares, hash encoding included: worked out once per kind and category, not per event. */
export type EventKind = ReturnType<typeof eventKind>;

export function eventKind(
  ws: BulkWorkspace,
  spec: { action: ConsentAction; channel: EventChannel; actor: Actor; formVersion?: BulkFormVersion | null; optInLevel?: "single" | "confirmed" },
) {
  const fixed = {
    workspaceId: ws.workspaceId,
    action: spec.action,
    channel: spec.channel,
    // The level append() would give: confirm is confirmed, WhatsApp opt-ins are confirmed, the rest single.
    optInLevel: optInLevelOf({ action: spec.action, channel: spec.channel, optInLevel: spec.optInLevel }),
    formVersionId: spec.formVersion?.id ?? null,
    formVersionDigest: spec.formVersion?.digest ?? null,
    language: spec.formVersion?.language ?? null,
    actor: spec.actor,
    noteDigest: null,
  };
  const hashers = new Map(ws.categories.map((c) => [c.id, eventHashTemplate({ ...fixed, categoryId: c.id, categoryKey: c.key })]));
  return { ...fixed, actorJson: JSON.stringify(spec.actor), hashers };
}

/** Personal data a command carries beside the number; each is kept in event_personal_data and committed to as a digest. */
export type BulkPersonal = { name?: string | null; ip?: string | null; userAgent?: string | null };

/** One contact's chain being generated: its events in order, then its row and folded subscriptions. */
export class BulkChain {
  readonly id = randomUUID();
  readonly phoneDigest: string;
  private seq = 0;
  private prevHash: string | null = null;
  private firstAt: string | null = null;
  private lastAt: string | null = null;
  private readonly state = new Map<string, { sub: SubscriptionState; eventId: string; changedAt: string }>();

  constructor(
    private readonly ws: BulkWorkspace,
    private readonly digest: ReturnType<typeof cachedDigests>,
    readonly phone: string,
    readonly name: string | null,
  ) {
    this.phoneDigest = personalDigest(ws.ledgerSalt, "phone", phone)!;
  }

  get events(): number {
    return this.seq;
  }

  /** The current state of one category, as the subscriptions table will hold it. */
  stateOf(categoryId: string): SubscriptionState | undefined {
    return this.state.get(categoryId)?.sub;
  }

  /** One command: an event per category, each chained to the one before. `recordedAt` defaults to `at`. */
  write(
    batch: BulkBatch,
    kind: EventKind,
    cats: { id: string; key: string }[],
    evidence: Evidence,
    at: number,
    personal: BulkPersonal = {},
    recordedAt = at,
  ): void {
    const commandId = randomUUID();
    const occurred = new Date(at).toISOString();
    const recorded = new Date(recordedAt).toISOString();
    const evidenceJson = JSON.stringify(evidence);
    const { name = null, ip = null, userAgent = null } = personal;
    const nameDigest = this.digest("name", name);
    const ipDigest = this.digest("ip", ip);
    const userAgentDigest = this.digest("user_agent", userAgent);
    const hasPersonal = name !== null || ip !== null || userAgent !== null;
    for (const cat of cats) {
      const id = randomUUID();
      const seq = ++this.seq;
      const hash = kind.hashers.get(cat.id)!({
        id,
        contactId: this.id,
        seq,
        commandId,
        occurredAt: occurred,
        recordedAt: recorded,
        evidence,
        phoneDigest: this.phoneDigest,
        nameDigest,
        ipDigest,
        userAgentDigest,
        prevHash: this.prevHash,
      });
      batch.events.add([
        id,
        this.ws.workspaceId,
        this.id,
        seq,
        commandId,
        cat.id,
        cat.key,
        kind.action,
        kind.channel,
        kind.optInLevel,
        kind.formVersionId,
        kind.formVersionDigest,
        kind.language,
        occurred,
        recorded,
        evidenceJson,
        kind.actorJson,
        this.phoneDigest,
        nameDigest,
        ipDigest,
        userAgentDigest,
        this.prevHash,
        hash,
      ]);
      this.prevHash = hash;
      if (hasPersonal) batch.personal.add([id, this.ws.workspaceId, this.id, name, ip, userAgent]);
      // The one fold append() and verify() use, so the stored state is what the events say.
      const sub = applyEvent(this.state.get(cat.id)?.sub, kind);
      this.state.set(cat.id, { sub, eventId: id, changedAt: occurred });
    }
    // As append() dates the contact's row: when it was first and last written to.
    this.firstAt ??= recorded;
    this.lastAt = recorded;
  }

  /** The contact's row and its subscriptions, once every command is written. */
  finish(batch: BulkBatch): void {
    batch.contacts.add([this.id, this.ws.workspaceId, this.phoneDigest, this.phone, this.name, this.seq, this.prevHash, this.firstAt, this.lastAt]);
    for (const [categoryId, s] of this.state) {
      batch.subscriptions.add([this.ws.workspaceId, this.id, categoryId, s.sub.state, s.sub.optInLevel, s.eventId, s.changedAt]);
    }
  }
}
