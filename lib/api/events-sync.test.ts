import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { encodeCursor } from "../contacts/cursor";
import { append } from "../ledger/append";
import { queryRows } from "../db/sql";
import { callApi, testApiKey } from "../../testing/api-client";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { encodeEventsCursor } from "./events-cursor";
import { listEvents } from "./events";

/**
 * A sending system mirroring the ledger through GET /api/v1/events: it pages with nextCursor and, once caught
 * up, polls with syncCursor. (Before syncCursor existed a client could only re-read from its last cursor and
 * drop the ids it already had; the fallback does that, so the suite shows what such a client missed.)
 */
function eventsFollower(db: TestDatabase, key: string, query = "") {
  const seen: string[] = [];
  let cursor: string | null = null;
  return {
    seen,
    async poll(limit = 7): Promise<void> {
      for (;;) {
        const res: Awaited<ReturnType<typeof callApi>> = await callApi(db.db, listEvents, {
          key,
          url: `http://t/api/v1/events?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ""}`,
        });
        expect(res.status).toBe(200);
        const ids: string[] = res.json.data.map((e: { id: string }) => e.id);
        if (res.json.syncCursor !== undefined) {
          seen.push(...ids);
          cursor = res.json.syncCursor;
        } else {
          seen.push(...ids.filter((id) => !seen.includes(id)));
          cursor = res.json.nextCursor ?? cursor;
        }
        if (!res.json.nextCursor) return;
      }
    },
  };
}

const eventIds = (db: TestDatabase, workspaceId: string) =>
  queryRows<{ id: string }>(db.db, sql`select id from consent_events where workspace_id = ${workspaceId}`).then((rows) => rows.map((r) => r.id));

describe.each(testDatabaseKinds())("events API as an incremental sync on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let key: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind, { maxConnections: 20 });
    fx = await createLedgerFixture(db.db);
    key = await testApiKey(db.db, fx.workspace.id);
    for (let i = 0; i < 5; i++) await append(db.db, webOptIn(fx, testPhone(100 + i)));
  });
  afterAll(() => db?.drop());

  it("a client polling with syncCursor gets each new event once, filtered polls too", async () => {
    const all = eventsFollower(db, key);
    const outs = eventsFollower(db, key, "&action=opt_out");
    await all.poll(2);
    await outs.poll(2);
    expect(all.seen).toHaveLength(5);
    expect(outs.seen).toHaveLength(0);
    const a = await append(db.db, apiOptOut(fx, testPhone(100), ["orders"]));
    const b = await append(db.db, webOptIn(fx, testPhone(200), { categories: ["orders", "offers"] }));
    await all.poll(2);
    await outs.poll(2);
    expect(all.seen.slice(5)).toEqual([...a.events, ...b.events].map((e) => e.id));
    expect(outs.seen).toEqual(a.events.map((e) => e.id));
    // Caught up: nothing more, however often it asks.
    await all.poll();
    await outs.poll();
    expect(all.seen).toHaveLength(8);
    expect(outs.seen).toHaveLength(1);
  });

  it("a cursor of the former (recorded_at, id) order carries on after the event it names", async () => {
    const [first] = await queryRows<{ id: string; at: string }>(
      db.db,
      sql`select id, recorded_at::text as at from consent_events where workspace_id = ${fx.workspace.id} order by position limit 1`,
    );
    const res = await callApi(db.db, listEvents, { key, url: `http://t/api/v1/events?limit=1000&cursor=${encodeCursor({ at: first!.at, id: first!.id })}` });
    expect(res.status).toBe(200);
    const all = await eventIds(db, fx.workspace.id);
    expect(res.json.data.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(all.filter((id) => id !== first!.id)));
    expect(res.json.data).toHaveLength(all.length - 1);
  });

  it("refuses a cursor it cannot read, or one naming another workspace's event, as a 422 naming the field", async () => {
    const other = await createLedgerFixture(db.db);
    const theirs = await append(db.db, webOptIn(other, testPhone(300)));
    const foreign = encodeCursor({ at: "2026-01-01 00:00:00+00", id: theirs.events[0]!.id });
    const overflow = encodeEventsCursor("99999999999999999999", "1");
    for (const cursor of ["garbage", foreign, overflow, Buffer.from("c1|1|2|3").toString("base64url")]) {
      const res = await callApi(db.db, listEvents, { key, url: `http://t/api/v1/events?cursor=${cursor}` });
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ field: "cursor", code: "invalid_cursor" })]);
    }
  });
});

describe.skipIf(!testDatabaseKinds().includes("postgres"))("events API under concurrent appends on PostgreSQL", () => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let key: string;

  beforeAll(async () => {
    db = await createTestDatabase("postgres", { maxConnections: 20 });
    fx = await createLedgerFixture(db.db);
    key = await testApiKey(db.db, fx.workspace.id);
  });
  afterAll(() => db?.drop());

  it("an append that waits on a lock and commits after a later one is not skipped", async () => {
    const follower = eventsFollower(db, key);
    await append(db.db, webOptIn(fx, testPhone(1)));
    await follower.poll();
    // Another transaction holds the contact's row, so this opt-out is stamped now and commits last.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.db.transaction(async (tx) => {
      await tx.execute(sql`select id from contacts where workspace_id = ${fx.workspace.id} and phone = ${testPhone(1)} for update`);
      locked();
      await held;
    });
    await isLocked;
    const waiting = append(db.db, apiOptOut(fx, testPhone(1), ["orders"]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = [await append(db.db, webOptIn(fx, testPhone(2))), await append(db.db, webOptIn(fx, testPhone(3)))];
    // A page at a time, so the cursor moves past what has committed so far.
    await follower.poll(1);
    release();
    await holder;
    const optOut = await waiting;
    await follower.poll(1);
    expect(follower.seen).toEqual(expect.arrayContaining([optOut, ...later].map((r) => r.events[0]!.id)));
    expect(follower.seen).toHaveLength(4);
  });

  it("8 concurrent writers on shared contacts: a client following the cursor sees every event exactly once", async () => {
    const follower = eventsFollower(db, key);
    await follower.poll();
    const before = follower.seen.length;
    let writing = true;
    const WRITERS = 8;
    const APPENDS = 200;
    let next = 0;
    const writer = async () => {
      while (next < APPENDS) {
        const i = next++;
        // 12 numbers for 200 appends: writers keep meeting on one contact's row lock.
        const phone = testPhone(500 + (i % 12));
        await append(db.db, i % 3 === 0 ? apiOptOut(fx, phone, ["orders"]) : webOptIn(fx, phone, { categories: i % 2 ? ["orders", "offers"] : ["orders"] }));
      }
    };
    const reader = (async () => {
      while (writing) {
        await follower.poll(5);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await Promise.all(Array.from({ length: WRITERS }, writer));
    writing = false;
    await reader;
    await follower.poll();
    const all = await eventIds(db, fx.workspace.id);
    const missed = all.filter((id) => !follower.seen.includes(id));
    expect(missed).toEqual([]);
    expect(new Set(follower.seen).size).toBe(follower.seen.length);
    expect(follower.seen.length - before).toBeGreaterThanOrEqual(APPENDS);
  });
});
