import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../db/client";
import type { Actor, Evidence } from "../ledger/types";
import { copyWriter } from "./bulk-copy";
import { batchTables, BulkChain, eventKind, newBulkBatch, type BulkBatch } from "./bulk-chain";
import { cachedDigests } from "./bulk-hash";

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

/** mulberry32: a tiny seeded generator, so a bench run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
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

export async function generateBulkLedger(db: Db, target: BulkLedgerTarget, options: BulkLedgerOptions): Promise<{ contacts: number; events: number }> {
  const rand = seededRandom(options.seed ?? 1);
  const now = (options.now ?? new Date()).getTime();
  const spanMs = (options.days ?? 180) * 86_400_000;
  const extraMean = Math.max(0, (options.eventsPerContact ?? 1.6) - 1);
  const { categories, formVersion } = target;
  const digest = cachedDigests(target.ledgerSalt);

  // The three kinds of command written: the web opt-in, then API opt-ins and opt-outs.
  const bulkActor: Actor = { type: "system", name: "bulk seed" };
  const webOptIn = eventKind(target, { action: "opt_in", channel: "web", actor: { type: "person" }, formVersion, optInLevel: "single" });
  const apiChange = {
    opt_in: eventKind(target, { action: "opt_in", channel: "api", actor: bulkActor, optInLevel: "single" }),
    opt_out: eventKind(target, { action: "opt_out", channel: "api", actor: bulkActor }),
  };
  const webEvidence: Evidence = { pageUrl: target.pageUrl };

  /** One contact's history, with the same draws from `rand` in the same order as ever, so a seed keeps its ledger. */
  const addContact = (i: number, batch: BulkBatch): number => {
    const phone = bulkPhone((options.firstNumber ?? 0) + i);
    const name = rand() < 0.5 ? names[Math.floor(rand() * names.length)]! : null;
    const chain = new BulkChain(target, digest, phone, name);
    let at = now - Math.floor(rand() * spanMs);
    const chosen = categories.filter((_, k) => k === 0 || rand() < 0.5);
    const ip = `203.0.113.${Math.floor(rand() * 250) + 1}`;
    const userAgent = agents[Math.floor(rand() * agents.length)]!;
    chain.write(batch, webOptIn, chosen, webEvidence, at, { name, ip, userAgent });
    // Later changes of mind: a geometric number with the requested mean, each on one category.
    while (rand() < extraMean / (1 + extraMean)) {
      at = Math.min(now, at + Math.floor(rand() * 20 * 86_400_000));
      const cat = categories[Math.floor(rand() * categories.length)]!;
      chain.write(batch, apiChange[chain.stateOf(cat.id)?.state === "opted_in" ? "opt_out" : "opt_in"], [cat], { reference: `bulk-${i}` }, at);
    }
    chain.finish(batch);
    return chain.events;
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
      const batch = newBulkBatch();
      for (let i = start; i < end; i++) {
        events += addContact(i, batch);
        if ((i - start) % SLICE_CONTACTS === SLICE_CONTACTS - 1) await nextTurn();
      }
      if (loading.length === writer.parallel) await oldestLoaded();
      const done = writer.write(batchTables(batch));
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
