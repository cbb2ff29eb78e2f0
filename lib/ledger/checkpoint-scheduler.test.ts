import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerCheckpoints, outbox } from "../db/schema/ledger";
import { startTsaServer } from "../../testing/tsa-server";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { append } from "./append";
import { runCheckpointPass } from "./checkpoint-scheduler";
import { verifyLedger } from "./verify";

const schedule = { intervalSeconds: 300 };
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe.each(testDatabaseKinds())("scheduled checkpoints on %s", (kind) => {
  let t: TestDatabase;
  let a: LedgerFixture;
  let b: LedgerFixture;
  let n = 0;
  const optIn = (fx: LedgerFixture) => append(t.db, webOptIn(fx, testPhone(++n)));
  const checkpointsOf = (fx: LedgerFixture) => t.db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.workspaceId, fx.workspace.id));

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    a = await createLedgerFixture(t.db);
    b = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("seals each workspace with new events, then waits an interval, and never seals nothing", async () => {
    await optIn(a);
    await optIn(a);
    expect(await verifyLedger(t.db, { workspaceId: a.workspace.id })).toMatchObject({ ok: true, unsealedEvents: 2, checkpoints: 0 });
    // b has no events yet: nothing to seal there.
    expect(await runCheckpointPass(t.db, schedule)).toEqual({ sealed: 1, anchored: 0 });
    expect(await checkpointsOf(a)).toMatchObject([{ seq: 1, eventCount: 2 }]);
    expect(await checkpointsOf(b)).toEqual([]);

    // New events in both: b (never sealed) is due at once, a only once its last checkpoint is an interval old.
    await optIn(a);
    await optIn(b);
    expect(await runCheckpointPass(t.db, schedule)).toEqual({ sealed: 1, anchored: 0 });
    expect(await checkpointsOf(a)).toHaveLength(1);
    expect(await checkpointsOf(b)).toHaveLength(1);
    expect(await runCheckpointPass(t.db, schedule, { now: later(301) })).toEqual({ sealed: 1, anchored: 0 });
    expect((await checkpointsOf(a)).map((c) => [c.seq, c.eventCount])).toEqual(expect.arrayContaining([[2, 1]]));

    // An interval later with nothing new: no empty checkpoint.
    expect(await runCheckpointPass(t.db, schedule, { now: later(700) })).toEqual({ sealed: 0, anchored: 0 });
    expect(await verifyLedger(t.db, { workspaceId: a.workspace.id })).toMatchObject({ ok: true, unsealedEvents: 0, checkpoints: 2 });
  });

  it("queues a ledger.checkpoint webhook with each checkpoint sealed without a time-stamping authority", async () => {
    const messages = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, a.workspace.id), eq(outbox.topic, "ledger.checkpoint")));
    const [first] = await checkpointsOf(a).then((cps) => cps.filter((c) => c.seq === 1));
    expect(messages.map((m) => (m.payload as { seq: number }).seq).sort()).toEqual([1, 2]);
    expect(messages.find((m) => (m.payload as { seq: number }).seq === 1)!.payload).toEqual({
      workspaceId: a.workspace.id,
      seq: 1,
      fromPosition: 0,
      toPosition: first!.toPosition,
      eventCount: 2,
      eventsDigest: first!.eventsDigest,
      prevHash: null,
      hash: first!.hash,
      createdAt: first!.createdAt.toISOString(),
      tsaToken: null,
      tsaGenTime: null,
    });
  });

  it("several instances running a pass at once seal one checkpoint per workspace", async () => {
    for (let i = 0; i < 5; i++) await optIn(a);
    await optIn(b);
    const before = { a: (await checkpointsOf(a)).length, b: (await checkpointsOf(b)).length };
    const passes = await Promise.all([1, 2, 3, 4].map(() => runCheckpointPass(t.db, schedule, { now: later(1000) })));
    expect(passes.reduce((sum, p) => sum + p.sealed, 0)).toBe(2);
    expect((await checkpointsOf(a)).length).toBe(before.a + 1);
    expect((await checkpointsOf(b)).length).toBe(before.b + 1);
    const verified = await verifyLedger(t.db);
    expect(verified).toMatchObject({ ok: true, unsealedEvents: 0 });
  });

  it("timestamps what it seals, and a checkpoint the authority failed on at a later pass", async () => {
    const tsa = await startTsaServer();
    try {
      const stamped = { intervalSeconds: 300, tsaUrl: tsa.url };
      await optIn(a);
      expect(await runCheckpointPass(t.db, stamped, { now: later(2000) })).toMatchObject({ sealed: 1 });
      await optIn(a);
      // Down for this pass: the seal's own request and the pass's retry both fail.
      tsa.failNext(2);
      const errors: unknown[] = [];
      expect(await runCheckpointPass(t.db, stamped, { now: later(3000), onError: (e) => errors.push(e) })).toMatchObject({ sealed: 1 });
      expect(errors.map(String)).toEqual([expect.stringContaining("HTTP 503"), expect.stringContaining("HTTP 503")]);
      const before = await verifyLedger(t.db, { workspaceId: a.workspace.id });
      expect(before).toMatchObject({ ok: true, checkpoints: 5 });
      expect(before.unanchoredCheckpoints).toBeGreaterThan(0);
      // A pass a minute on, with nothing new to seal, asks again for every token missing in the workspace: the one
      // the authority refused, and those of checkpoints sealed before there was an authority.
      expect(await runCheckpointPass(t.db, stamped, { now: later(3100) })).toMatchObject({ sealed: 0 });
      expect(await verifyLedger(t.db, { workspaceId: a.workspace.id })).toMatchObject({ ok: true, unanchoredCheckpoints: 0 });
    } finally {
      await tsa.close();
    }
  });
});
