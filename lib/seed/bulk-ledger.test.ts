import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentEvents, contacts } from "../db/schema/ledger";
import { personalDigest } from "../ledger/canonical";
import { eventHash } from "../ledger/hash";
import { verifyLedger } from "../ledger/verify";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { cachedDigests, eventHashTemplate } from "./bulk-hash";
import { generateBulkLedger, type BulkLedgerTarget } from "./bulk-ledger";

function targetOf(fx: LedgerFixture, pageUrl = "https://assent.example/f/test/join"): BulkLedgerTarget {
  return {
    workspaceId: fx.workspace.id,
    ledgerSalt: fx.workspace.ledgerSalt,
    categories: fx.categories.map((c) => ({ id: c.id, key: c.key })),
    formVersion: { id: fx.formVersion.id, digest: fx.formVersion.digest, language: "en" },
    pageUrl,
  };
}

describe("bulk ledger hashing", () => {
  it("hashes exactly as eventHash does, whatever is null", () => {
    const fixed = {
      workspaceId: randomUUID(),
      categoryId: randomUUID(),
      categoryKey: "offers",
      action: "opt_in" as const,
      channel: "web" as const,
      optInLevel: "single" as const,
      formVersionId: randomUUID(),
      formVersionDigest: "d".repeat(64),
      language: "pt-BR",
      actor: { type: "person" as const },
      noteDigest: null,
    };
    const hash = eventHashTemplate(fixed);
    for (let seq = 1; seq <= 6; seq++) {
      const at = new Date(Date.UTC(2026, 0, seq, 12, 0, 0, seq * 7));
      const late = {
        id: randomUUID(),
        contactId: randomUUID(),
        seq,
        commandId: randomUUID(),
        evidence: { pageUrl: `https://x.example/a"b\\c\t${seq}?q=ção` },
        phoneDigest: "a".repeat(64),
        nameDigest: seq % 2 ? null : "b".repeat(64),
        ipDigest: seq % 3 ? "c".repeat(64) : null,
        userAgentDigest: null,
        prevHash: seq === 1 ? null : "e".repeat(64),
      };
      const expected = eventHash({ ...fixed, ...late, occurredAt: at, recordedAt: at });
      expect(hash({ ...late, occurredAt: at.toISOString(), recordedAt: at.toISOString() })).toBe(expected);
    }
  });

  it("caches digests without changing them", () => {
    const digest = cachedDigests("salt");
    for (const value of ["203.0.113.7", "João", "203.0.113.7"]) expect(digest("ip", value)).toBe(personalDigest("salt", "ip", value));
    expect(digest("name", null)).toBeNull();
  });
});

describe.each(testDatabaseKinds())("bulk ledger on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it("writes a ledger that verifies, chains, digests and state included", async () => {
    const fx = await createLedgerFixture(db.db);
    const result = await generateBulkLedger(db.db, targetOf(fx), { contacts: 1200, eventsPerContact: 3, seed: 7 });
    expect(result.contacts).toBe(1200);
    expect(result.events / result.contacts).toBeGreaterThan(2);
    const verified = await verifyLedger(db.db, { workspaceId: fx.workspace.id });
    // verify recomputes every hash, chain, digest and chain head, and checks state = fold(events).
    expect(verified.problems).toEqual([]);
    expect(verified.contacts).toBe(1200);
    expect(verified.events).toBe(result.events);
  });

  it("stores text COPY must escape (backslashes, tabs, quotes) exactly as hashed", async () => {
    const fx = await createLedgerFixture(db.db);
    const target = targetOf(fx, 'https://assent.example/f/test/join?ref=a\\b\tc"d\ne&who=João');
    const result = await generateBulkLedger(db.db, target, { contacts: 300, seed: 11, firstNumber: 5000 });
    const verified = await verifyLedger(db.db, { workspaceId: fx.workspace.id });
    expect(verified.problems).toEqual([]);
    expect(verified.events).toBe(result.events);
    const [event] = await db.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.channel, "web")))
      .limit(1);
    expect(event?.evidence).toEqual({ pageUrl: target.pageUrl });
  });

  it("writes the same ledger for the same seed, batch by batch", async () => {
    const now = new Date("2026-03-01T12:00:00.000Z");
    const ledgers = [];
    for (const fx of [await createLedgerFixture(db.db), await createLedgerFixture(db.db)]) {
      const progress: number[] = [];
      await generateBulkLedger(db.db, targetOf(fx), { contacts: 6000, seed: 42, now, onProgress: (n) => progress.push(n) });
      expect(progress).toEqual([5000, 6000]);
      const people = await db.db
        .select({ phone: contacts.phone, name: contacts.name, seq: contacts.lastSeq, created: contacts.createdAt, updated: contacts.updatedAt })
        .from(contacts)
        .where(eq(contacts.workspaceId, fx.workspace.id))
        .orderBy(asc(contacts.phone));
      const events = await db.db
        .select({
          phone: contacts.phone,
          seq: consentEvents.seq,
          key: consentEvents.categoryKey,
          action: consentEvents.action,
          at: consentEvents.occurredAt,
        })
        .from(consentEvents)
        .innerJoin(contacts, eq(contacts.id, consentEvents.contactId))
        .where(eq(consentEvents.workspaceId, fx.workspace.id))
        .orderBy(asc(contacts.phone), asc(consentEvents.seq));
      ledgers.push({ people, events });
    }
    expect(ledgers[0]!.people).toHaveLength(6000);
    expect(ledgers[1]).toEqual(ledgers[0]);
  });
});
