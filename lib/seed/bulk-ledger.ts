import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { consentEvents, contacts, eventPersonalData, subscriptions } from "../db/schema/ledger";
import { personalDigest } from "../ledger/canonical";
import { eventHash } from "../ledger/hash";
import type { Actor, ConsentAction, EventChannel, Evidence } from "../ledger/types";

/**
 * Writes a large, valid ledger straight into the tables, for the bench and for end-to-end tests that need
 * a realistic workspace (100,000 contacts in seconds, not the hours one append per contact would take).
 * Every row is what `append` would have written: the same hashes, digests and chains, so `verify()` passes
 * and state = fold(events). Deterministic for a given seed.
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

type EventRow = typeof consentEvents.$inferInsert;
type PersonalRow = typeof eventPersonalData.$inferInsert;
type SubscriptionRow = typeof subscriptions.$inferInsert;

const names = ["Ana", "Bruno", "Chen", "Dewi", "Emeka", "Fatima", "Giulia", "Hiro", "Isabel", "João", "Kavya", "Luis"];
const agents = ["Mozilla/5.0 (Linux; Android 10; K) Chrome/124.0 Mobile", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1"];
const BATCH_CONTACTS = 500;

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

export async function generateBulkLedger(db: Db, target: BulkLedgerTarget, options: BulkLedgerOptions): Promise<{ contacts: number; events: number }> {
  const rand = random(options.seed ?? 1);
  const now = (options.now ?? new Date()).getTime();
  const spanMs = (options.days ?? 180) * 86_400_000;
  const extraMean = Math.max(0, (options.eventsPerContact ?? 1.6) - 1);
  const salt = target.ledgerSalt;
  let events = 0;

  for (let start = 0; start < options.contacts; start += BATCH_CONTACTS) {
    const contactRows: (typeof contacts.$inferInsert)[] = [];
    const eventRows: EventRow[] = [];
    const personalRows: PersonalRow[] = [];
    const subscriptionRows: SubscriptionRow[] = [];
    for (let i = start; i < Math.min(options.contacts, start + BATCH_CONTACTS); i++) {
      const contactId = randomUUID();
      const phone = bulkPhone((options.firstNumber ?? 0) + i);
      const name = rand() < 0.5 ? names[Math.floor(rand() * names.length)]! : null;
      const phoneDigest = personalDigest(salt, "phone", phone)!;
      let at = now - Math.floor(rand() * spanMs);
      let seq = 0;
      let prevHash: string | null = null;
      const state = new Map<string, SubscriptionRow>();

      const write = (action: ConsentAction, channel: EventChannel, cats: { id: string; key: string }[], evidence: Evidence, actor: Actor, web: boolean) => {
        const commandId = randomUUID();
        const ip = web ? `203.0.113.${Math.floor(rand() * 250) + 1}` : null;
        const userAgent = web ? agents[Math.floor(rand() * agents.length)]! : null;
        for (const cat of cats) {
          const row = {
            id: randomUUID(),
            workspaceId: target.workspaceId,
            contactId,
            seq: ++seq,
            commandId,
            categoryId: cat.id,
            categoryKey: cat.key,
            action,
            channel,
            optInLevel: action === "opt_in" ? ("single" as const) : null,
            formVersionId: web ? target.formVersion.id : null,
            formVersionDigest: web ? target.formVersion.digest : null,
            language: web ? target.formVersion.language : null,
            occurredAt: new Date(at),
            recordedAt: new Date(at),
            evidence,
            actor,
            phoneDigest,
            nameDigest: web ? personalDigest(salt, "name", name) : null,
            ipDigest: personalDigest(salt, "ip", ip),
            userAgentDigest: personalDigest(salt, "user_agent", userAgent),
            noteDigest: null,
            prevHash,
          };
          const hash = eventHash(row);
          eventRows.push({ ...row, hash });
          prevHash = hash;
          if (web) personalRows.push({ eventId: row.id, workspaceId: target.workspaceId, contactId, name: name, ip, userAgent, note: null });
          state.set(cat.id, {
            workspaceId: target.workspaceId,
            contactId,
            categoryId: cat.id,
            state: action === "opt_out" ? "opted_out" : "opted_in",
            optInLevel: action === "opt_out" ? null : "single",
            eventId: row.id,
            changedAt: new Date(at),
          });
        }
      };

      const chosen = target.categories.filter((_, k) => k === 0 || rand() < 0.5);
      write("opt_in", "web", chosen, { pageUrl: target.pageUrl }, { type: "person" }, true);
      const createdAt = new Date(at);
      // Later changes of mind: a geometric number with the requested mean, each on one category.
      while (rand() < extraMean / (1 + extraMean)) {
        at = Math.min(now, at + Math.floor(rand() * 20 * 86_400_000));
        const cat = target.categories[Math.floor(rand() * target.categories.length)]!;
        const current = state.get(cat.id)?.state;
        write(current === "opted_in" ? "opt_out" : "opt_in", "api", [cat], { reference: `bulk-${i}` }, { type: "system", name: "bulk seed" }, false);
      }
      contactRows.push({ id: contactId, workspaceId: target.workspaceId, phoneDigest, phone, name, lastSeq: seq, lastHash: prevHash, createdAt, updatedAt: new Date(at) });
      subscriptionRows.push(...state.values());
      events += seq;
    }
    await db.transaction(async (tx) => {
      await tx.insert(contacts).values(contactRows);
      for (let k = 0; k < eventRows.length; k += 1000) await tx.insert(consentEvents).values(eventRows.slice(k, k + 1000));
      for (let k = 0; k < personalRows.length; k += 2000) await tx.insert(eventPersonalData).values(personalRows.slice(k, k + 2000));
      for (let k = 0; k < subscriptionRows.length; k += 2000) await tx.insert(subscriptions).values(subscriptionRows.slice(k, k + 2000));
    });
    options.onProgress?.(Math.min(options.contacts, start + BATCH_CONTACTS));
  }
  return { contacts: options.contacts, events };
}
