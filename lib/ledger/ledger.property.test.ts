import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { consentEvents, contacts } from "../db/schema/ledger";
import type { Tx } from "../db/client";
import type { AppError } from "../errors";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { append } from "./append";
import { createCheckpoint } from "./checkpoint";
import { expectStateIsFoldOfEvents } from "../../testing/inbound-model";
import type { LedgerCommand } from "./types";
import { verifyLedger } from "./verify";

const categoryKeys = ["orders", "offers", "tips"];

const operation = fc.record({
  contact: fc.integer({ min: 0, max: 5 }),
  action: fc.constantFrom("opt_in" as const, "opt_out" as const, "confirm" as const),
  categories: fc.subarray(categoryKeys, { minLength: 1 }),
});

type Operation = { contact: number; action: "opt_in" | "opt_out" | "confirm"; categories: string[] };

function commandFor(fx: LedgerFixture, op: Operation, base: number): LedgerCommand {
  const phone = testPhone(base + op.contact);
  if (op.action === "opt_in") return webOptIn(fx, phone, { categories: op.categories });
  return {
    workspaceId: fx.workspace.id,
    phone,
    categories: op.categories,
    action: op.action,
    channel: "api",
    evidence: {},
    actor: { type: "system", name: "property-test" },
  };
}

describe.each(testDatabaseKinds())("ledger properties on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { maxConnections: 20 });
  });
  afterAll(() => t?.drop());

  it("keeps state = fold(events) and every chain valid under concurrent, overlapping writers", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 40 }), async (ops) => {
        run += 1;
        const fx = await createLedgerFixture(t.db);
        // 16 writers at once, on six shared contacts: the row lock per contact must serialise each chain.
        const results = await Promise.allSettled(ops.map((op) => append(t.db, commandFor(fx, op, run * 10))));
        for (const r of results) {
          // A confirm of a category not (yet) opted in is refused by design; nothing else may fail.
          if (r.status === "rejected") expect((r.reason as AppError).fields?.[0]?.code).toBe("not_opted_in");
        }
        await expectStateIsFoldOfEvents(t.db, fx.workspace.id);
        const result = await verifyLedger(t.db, { workspaceId: fx.workspace.id });
        expect(result.problems).toEqual([]);
      }),
      { numRuns: kind === "pglite" ? 25 : 40 },
    );
  });

  it("16 concurrent writers on overlapping contacts leave valid chains", async () => {
    const fx = await createLedgerFixture(t.db);
    const writers = Array.from({ length: 16 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 10; i++) {
          const op = { contact: (w + i) % 4, action: i % 3 === 2 ? ("opt_out" as const) : ("opt_in" as const), categories: [categoryKeys[(w + i) % 3]!] };
          await append(t.db, commandFor(fx, op, 9000));
        }
      })(),
    );
    await Promise.all(writers);
    await expectStateIsFoldOfEvents(t.db, fx.workspace.id);
    const result = await verifyLedger(t.db, { workspaceId: fx.workspace.id });
    expect(result).toMatchObject({ ok: true, events: 160, contacts: 4 });
  });

  it("gives every retry of one command the same receipt, however many race", async () => {
    await fc.assert(
      fc.asyncProperty(
        operation.filter((o) => o.action !== "confirm"),
        fc.integer({ min: 2, max: 8 }),
        async (op, copies) => {
          const fx = await createLedgerFixture(t.db);
          const command = { ...commandFor(fx, op, 500), idempotencyKey: `key-${op.contact}` };
          const receipts = await Promise.all(Array.from({ length: copies }, () => append(t.db, command)));
          const firsts = receipts.filter((r) => !r.replayed);
          expect(firsts).toHaveLength(1);
          for (const r of receipts) expect({ ...r, replayed: false }).toEqual(firsts[0]);
          const events = await t.db.select().from(consentEvents).where(eq(consentEvents.workspaceId, fx.workspace.id));
          expect(events).toHaveLength(op.categories.length);
        },
      ),
      { numRuns: 15 },
    );
  });
});

/**
 * Tampering runs with the triggers switched off (as an attacker with the database's superuser would) and
 * checks verify() names what was done.
 */
describe.each(testDatabaseKinds())("verify() catches tampering on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  const mutableColumns = [
    "category_key",
    "action",
    "channel",
    "language",
    "phone_digest",
    "ip_digest",
    "prev_hash",
    "hash",
    "evidence",
    "occurred_at",
  ] as const;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    for (let i = 0; i < 6; i++) {
      await append(t.db, webOptIn(fx, testPhone(7000 + (i % 3)), { categories: i % 2 ? ["orders", "offers"] : ["tips"] }));
    }
    await createCheckpoint(t.db, fx.workspace.id);
    await append(t.db, webOptIn(fx, testPhone(7000)));
  });
  afterAll(() => t?.drop());

  async function tampered<T>(statement: ReturnType<typeof sql>, check: (tx: Tx) => Promise<T>): Promise<T> {
    // Done in a transaction that is rolled back, so each case starts from the same clean ledger.
    let result: T | undefined;
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`alter table consent_events disable trigger user`);
        await tx.execute(statement);
        result = await check(tx);
        throw new RollbackSignal();
      })
      .catch((e) => {
        if (!(e instanceof RollbackSignal)) throw e;
      });
    return result as T;
  }

  it("names an event with any single changed byte", async () => {
    const events = await t.db.select({ id: consentEvents.id }).from(consentEvents).where(eq(consentEvents.workspaceId, fx.workspace.id));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events.map((e) => e.id)), fc.constantFrom(...mutableColumns), fc.nat(), async (eventId, column, at) => {
        const problems = await tamperAndVerify(eventId, column, at);
        expect(problems.length).toBeGreaterThan(0);
        expect(problems[0]!.eventId).toBe(eventId);
      }),
      { numRuns: 60 },
    );
  });

  it("catches a removed event and a removed contact history", async () => {
    const [victim] = await t.db
      .select()
      .from(contacts)
      .where(eq(contacts.phone, testPhone(7001)));
    const removedEvent = await tampered(
      sql`with first as (select id from consent_events where contact_id = ${victim!.id} order by seq limit 1),
               gone_personal as (delete from event_personal_data where event_id in (select id from first))
          delete from consent_events where id in (select id from first)`,
      (tx) => verifyLedger(tx, { workspaceId: fx.workspace.id }),
    );
    expect(removedEvent.ok).toBe(false);
    expect(removedEvent.problems.map((p) => p.kind)).toContain("checkpoint_events_mismatch");

    const removedHistory = await tampered(
      sql`with gone_personal as (delete from event_personal_data where contact_id = ${victim!.id}),
               gone_subs as (delete from subscriptions where contact_id = ${victim!.id}),
               gone_events as (delete from consent_events where contact_id = ${victim!.id})
          select 1`,
      async (tx) => {
        await tx.execute(sql`delete from contacts where id = ${victim!.id}`);
        return verifyLedger(tx, { workspaceId: fx.workspace.id });
      },
    );
    expect(removedHistory.ok).toBe(false);
    expect(removedHistory.problems[0]).toMatchObject({ kind: "checkpoint_events_mismatch" });
  });

  /** Changes one character of one column of one event, then runs verify. */
  async function tamperAndVerify(eventId: string, column: (typeof mutableColumns)[number], at: number) {
    const selected = await t.db.execute(sql`select ${sql.identifier(column)}::text as v from consent_events where id = ${eventId}`);
    const [row] = (selected as unknown as { rows: { v: string | null }[] }).rows;
    const original = row?.v ?? "";
    const next = mutateOneCharacter(original, at, column);
    const setExpr =
      column === "evidence"
        ? sql`${next}::jsonb`
        : column === "occurred_at"
          ? sql`${next}::timestamptz`
          : column === "action"
            ? sql`${next}::consent_action`
            : column === "channel"
              ? sql`${next}::event_channel`
              : sql`${next}`;
    const result = await tampered(sql`update consent_events set ${sql.identifier(column)} = ${setExpr} where id = ${eventId}`, (tx) =>
      verifyLedger(tx, { workspaceId: fx.workspace.id }),
    );
    return result.problems;
  }
});

class RollbackSignal extends Error {}

/** A different but still storable value: a changed character, a shifted time, another enum member. */
function mutateOneCharacter(value: string, at: number, column: string): string {
  if (column === "action") return value === "opt_in" ? "opt_out" : "opt_in";
  if (column === "channel") return value === "web" ? "sms" : "web";
  if (column === "occurred_at") return new Date(new Date(value).getTime() + 1 + (at % 1000)).toISOString();
  if (column === "evidence") {
    const parsed = JSON.parse(value) as Record<string, string>;
    const url = parsed.pageUrl ?? "";
    const i = at % url.length;
    return JSON.stringify({ ...parsed, pageUrl: url.slice(0, i) + (url[i] === "a" ? "b" : "a") + url.slice(i + 1) });
  }
  if (value === "") return "x";
  const i = at % value.length;
  const replacement = value[i] === "0" ? "1" : "0";
  return value.slice(0, i) + replacement + value.slice(i + 1);
}
