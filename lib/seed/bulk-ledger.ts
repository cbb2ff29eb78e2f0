import "server-only";
import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../db/client";
import { personalDigest } from "../ledger/canonical";
import type { Actor, ConsentAction, Evidence } from "../ledger/types";
import { copyWriter, CopyRows } from "./bulk-copy";
import { cachedDigests, eventHashTemplate } from "./bulk-hash";

/**
 * Writes a large, valid ledger straight into the tables, for the bench and for end-to-end tests that need
 * a realistic workspace (a million contacts in minutes, not the days one append per contact would take).
 * Every row is what `append` would have written: the same hashes, digests and chains, so `verify()` passes
 * and state = fold(events). Deterministic for a given seed (apart from the random ids).
 */
export type BulkLedgerTarget = {
  workspaceId: string;
  ledgerSalt: string;
  categories: { id: string; key: string }[];
  formVersion: { id: string; digest: string; language: string };
  pageUrl: string;
};

export type BulkLedgerOptions = {
  contacts: number;
  /** Mean events per contact (at least 1): the opt-in, then later changes of mind. */
  eventsPerContact?: number;
  /** Numbers are +1 212 followed by 7 digits from this offset: distinct, valid US numbers. */
  firstNumber?: number;
  days?: number;
  seed?: number;
  now?: Date;
  onProgress?: (done: number) => void;
};

const names = ["Ana", "Bruno", "Chen", "Dewi", "Emeka", "Fatima", "Giulia", "Hiro", "Isabel", "João", "Kavya", "Luis"];
const agents = ["Mozilla/5.0 (Linux; Android 10; K) Chrome/124.0 Mobile", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1"];
/** Contacts per transaction: large enough that COPY's per-statement costs vanish, small enough to keep memory flat. */
const BATCH_CONTACTS = 5_000;
/** Contacts generated between yields to the event loop, so the previous batch's COPY keeps streaming meanwhile. */
const SLICE_CONTACTS = 250;

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

/** mulberry32: a tiny seeded generator, so a bench run can be repeated exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function bulkPhone(n: number): string {
  return `+1212${String(2_000_000 + n).padStart(7, "0")}`;
}

type Batch = { [table in keyof typeof tables]: CopyRows };

export async function generateBulkLedger(db: Db, target: BulkLedgerTarget, options: BulkLedgerOptions): Promise<{ contacts: number; events: number }> {
  const rand = random(options.seed ?? 1);
  const now = (options.now ?? new Date()).getTime();
  const spanMs = (options.days ?? 180) * 86_400_000;
  const extraMean = Math.max(0, (options.eventsPerContact ?? 1.6) - 1);
  const { workspaceId, ledgerSalt: salt, categories, formVersion } = target;
  const digest = cachedDigests(salt);

  // The three kinds of command written: the web opt-in, then API opt-ins and opt-outs. What their events
  // share, hash encoding included, is worked out once per run and category.
  const kind = (action: ConsentAction, channel: "web" | "api", actor: Actor) => {
    const web = channel === "web";
    const fixed = {
      workspaceId,
      action,
      channel,
      optInLevel: action === "opt_in" ? ("single" as const) : null,
      formVersionId: web ? formVersion.id : null,
      formVersionDigest: web ? formVersion.digest : null,
      language: web ? formVersion.language : null,
      actor,
      noteDigest: null,
    };
    const hashers = new Map(categories.map((c) => [c.id, eventHashTemplate({ ...fixed, categoryId: c.id, categoryKey: c.key })]));
    return { ...fixed, web, actorJson: JSON.stringify(actor), hashers };
  };
  const bulkActor: Actor = { type: "system", name: "bulk seed" };
  const webOptIn = kind("opt_in", "web", { type: "person" });
  const apiChange = { opt_in: kind("opt_in", "api", bulkActor), opt_out: kind("opt_out", "api", bulkActor) };
  const webEvidence: Evidence = { pageUrl: target.pageUrl };

  /** One contact's history, with the same draws from `rand` in the same order as ever, so a seed keeps its ledger. */
  const addContact = (i: number, batch: Batch): number => {
    const contactId = randomUUID();
    const phone = bulkPhone((options.firstNumber ?? 0) + i);
    const name = rand() < 0.5 ? names[Math.floor(rand() * names.length)]! : null;
    const phoneDigest = personalDigest(salt, "phone", phone)!;
    let at = now - Math.floor(rand() * spanMs);
    let seq = 0;
    let prevHash: string | null = null;
    const state = new Map<string, { state: string; optInLevel: string | null; eventId: string; changedAt: string }>();

    const write = (k: ReturnType<typeof kind>, cats: { id: string; key: string }[], evidence: Evidence) => {
      const commandId = randomUUID();
      const ip = k.web ? `203.0.113.${Math.floor(rand() * 250) + 1}` : null;
      const userAgent = k.web ? agents[Math.floor(rand() * agents.length)]! : null;
      const iso = new Date(at).toISOString();
      const evidenceJson = JSON.stringify(evidence);
      const nameDigest = k.web ? digest("name", name) : null;
      const ipDigest = digest("ip", ip);
      const userAgentDigest = digest("user_agent", userAgent);
      for (const cat of cats) {
        const id = randomUUID();
        const hash = k.hashers.get(cat.id)!({
          id,
          contactId,
          seq: ++seq,
          commandId,
          occurredAt: iso,
          recordedAt: iso,
          evidence,
          phoneDigest,
          nameDigest,
          ipDigest,
          userAgentDigest,
          prevHash,
        });
        batch.events.add([
          id,
          workspaceId,
          contactId,
          seq,
          commandId,
          cat.id,
          cat.key,
          k.action,
          k.channel,
          k.optInLevel,
          k.formVersionId,
          k.formVersionDigest,
          k.language,
          iso,
          iso,
          evidenceJson,
          k.actorJson,
          phoneDigest,
          nameDigest,
          ipDigest,
          userAgentDigest,
          prevHash,
          hash,
        ]);
        prevHash = hash;
        if (k.web) batch.personal.add([id, workspaceId, contactId, name, ip, userAgent]);
        state.set(cat.id, { state: k.action === "opt_out" ? "opted_out" : "opted_in", optInLevel: k.optInLevel, eventId: id, changedAt: iso });
      }
    };

    const chosen = categories.filter((_, k) => k === 0 || rand() < 0.5);
    write(webOptIn, chosen, webEvidence);
    const createdAt = new Date(at).toISOString();
    // Later changes of mind: a geometric number with the requested mean, each on one category.
    while (rand() < extraMean / (1 + extraMean)) {
      at = Math.min(now, at + Math.floor(rand() * 20 * 86_400_000));
      const cat = categories[Math.floor(rand() * categories.length)]!;
      write(apiChange[state.get(cat.id)?.state === "opted_in" ? "opt_out" : "opt_in"], [cat], { reference: `bulk-${i}` });
    }
    batch.contacts.add([contactId, workspaceId, phoneDigest, phone, name, seq, prevHash, createdAt, new Date(at).toISOString()]);
    for (const [categoryId, s] of state) batch.subscriptions.add([workspaceId, contactId, categoryId, s.state, s.optInLevel, s.eventId, s.changedAt]);
    return seq;
  };

  const writer = await copyWriter(db);
  // Batches being loaded while the next is generated, oldest first (on PostgreSQL two load at once: their
  // positions interleave as concurrent appends' do, each contact's events staying in order). A failure is
  // kept for its turn to be awaited (an unobserved rejection would end the process first).
  const loading: { done: Promise<void>; contacts: number }[] = [];
  const oldestLoaded = async () => {
    const { done, contacts } = loading.shift()!;
    await done;
    options.onProgress?.(contacts);
  };
  let events = 0;
  try {
    for (let start = 0; start < options.contacts; start += BATCH_CONTACTS) {
      const end = Math.min(options.contacts, start + BATCH_CONTACTS);
      const batch: Batch = {
        contacts: new CopyRows(tables.contacts),
        events: new CopyRows(tables.events),
        personal: new CopyRows(tables.personal),
        subscriptions: new CopyRows(tables.subscriptions),
      };
      for (let i = start; i < end; i++) {
        events += addContact(i, batch);
        if ((i - start) % SLICE_CONTACTS === SLICE_CONTACTS - 1) await nextTurn();
      }
      if (loading.length === writer.parallel) await oldestLoaded();
      // In foreign-key order: contacts before their events, events before their personal data.
      const done = writer.write([batch.contacts, batch.events, batch.personal, batch.subscriptions]);
      done.catch(() => {});
      loading.push({ done, contacts: end });
    }
    while (loading.length > 0) await oldestLoaded();
  } finally {
    await Promise.allSettled(loading.map((l) => l.done));
    await writer.close();
  }
  return { contacts: options.contacts, events };
}
