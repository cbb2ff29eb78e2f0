import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "../db/sql";
import { subscriptions } from "../db/schema/ledger";
import { type AppError, ValidationError } from "../errors";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { append } from "./append";
import { sharedCommitStats } from "./group-commit";
import { verifyLedger } from "./verify";

/**
 * Many appends at once, so that they share commits (lib/ledger/group-commit.ts), with everything a batch must keep
 * apart: two commands for the same person, idempotency twins and a reused key, and one command that is
 * refused inside the transaction (a confirmation of something never opted in to), which must not take the others
 * down with it.
 */
describe.each(testDatabaseKinds())("group commit on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { maxConnections: 10 });
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("answers every caller as if each had been written alone, and the chains verify", async () => {
    const people = Array.from({ length: 12 }, (_, i) => testPhone(7100 + i));
    const commands = people.flatMap((phone, i) => [
      webOptIn(fx, phone, { categories: ["offers", "tips"], idempotencyKey: `in-${i}` }),
      apiOptOut(fx, phone, ["offers"]),
    ]);
    const twin = webOptIn(fx, testPhone(7200), { categories: ["orders"], idempotencyKey: "twin" });
    const reused = webOptIn(fx, testPhone(7201), { categories: ["offers"], idempotencyKey: "twin" });

    // Started together: the first is written at once, the others queue behind it and share the following commits.
    const values = await settleAll([...commands, twin, twin, reused]);

    const written = values.slice(0, commands.length);
    for (const receipt of written) expect(receipt).not.toBeInstanceOf(Error);
    // Exactly one of the three claims the key, whichever was planned first (callers are not ordered by when they
    // called). If a twin wins, the other twin gets its receipt and the different request is refused; if the
    // different request wins, both twins are refused: neither way is anything written twice or under a stolen key.
    const [first, second, third] = values.slice(commands.length);
    const winners = [first, second, third].filter((v) => !(v instanceof Error) && v.replayed === false);
    expect(winners, "exactly one request claims the key").toHaveLength(1);
    if (winners[0] === third) {
      expect([(first as AppError).code, (second as AppError).code]).toEqual(["idempotency_key_reused", "idempotency_key_reused"]);
    } else {
      expect(first.replayed === false || second.replayed === false).toBe(true);
      expect(second.commandId).toBe(first.commandId);
      expect((third as AppError).code).toBe("idempotency_key_reused");
    }

    // Per person: both commands on one chain, one after the other, and the state is what the later one left.
    // (Concurrent callers were never ordered by when they called: each plans first, then queues.)
    for (const [i, phone] of people.entries()) {
      const optIn = written[2 * i]!;
      const optOut = written[2 * i + 1]!;
      expect(optOut.contactId, phone).toBe(optIn.contactId);
      const seqs = [...optIn.events, ...optOut.events].map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual([1, 2, 3]);
      const outLast = optOut.events[0]!.seq > optIn.events[0]!.seq;
      const [offers] = await t.db
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.contactId, optIn.contactId), eq(subscriptions.categoryId, fx.categories.find((c) => c.key === "offers")!.id)));
      expect(offers!.state).toBe(outLast ? "opted_out" : "opted_in");
    }
    // And they did share: some commits carried several commands.
    const stats = sharedCommitStats(t.db);
    expect(stats.sharedCommits).toBeGreaterThan(0);
    expect(stats.sharedCommands).toBeGreaterThan(stats.sharedCommits);
    const verified = await verifyLedger(t.db, { workspaceId: fx.workspace.id });
    expect(verified.ok).toBe(true);
  });

  it("a command refused inside a shared commit is refused alone; the others it was batched with are written", async () => {
    const confirmNothing = { ...webOptIn(fx, testPhone(7300), { categories: ["tips"] }), action: "confirm" as const };
    const others = Array.from({ length: 10 }, (_, i) => webOptIn(fx, testPhone(7301 + i), { categories: ["offers"] }));
    const values = await settleAll([...others.slice(0, 5), confirmNothing, ...others.slice(5)]);
    expect(values[5]).toBeInstanceOf(ValidationError);
    for (const receipt of [...values.slice(0, 5), ...values.slice(6)]) expect(receipt.events).toHaveLength(1);
    expect(await verifyLedger(t.db, { workspaceId: fx.workspace.id })).toMatchObject({ ok: true });
  });

  // A caller's own statements (PlanExtras.alongside): written with its events in the shared commit, not for a
  // replay, and all or nothing: one that fails takes its own command down, never the others of its batch.
  it("writes a caller's statements with its events, not again for a replay, and refuses the command whose statement fails", async () => {
    await t.db.execute(sql`create table if not exists test_alongside (tag text primary key)`);
    const tag = (value: string) => sql`insert into test_alongside (tag) values (${value})`;
    const failing = sql`insert into test_alongside (tag) values (null)`;
    const commands = Array.from({ length: 8 }, (_, i) => webOptIn(fx, testPhone(7400 + i), { categories: ["tips"], idempotencyKey: `along-${i}` }));
    const results = await Promise.allSettled(commands.map((c, i) => append(t.db, c, { alongside: i === 3 ? [failing] : [tag(`a${i}`), tag(`b${i}`)] })));
    expect(results[3]!.status).toBe("rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(7);
    const tags = async () => (await queryRows<{ tag: string }>(t.db, sql`select tag from test_alongside order by tag`)).map((r) => r.tag);
    const expected = [0, 1, 2, 4, 5, 6, 7].flatMap((i) => [`a${i}`, `b${i}`]).sort();
    expect(await tags()).toEqual(expected);
    expect(await queryRows(t.db, sql`select 1 from idempotency_keys where workspace_id = ${fx.workspace.id} and key = 'along-3'`)).toEqual([]);
    // A replay gets its receipt back; its statements do not run again (here they would fail on the primary key).
    const replay = await append(t.db, commands[0]!, { alongside: [tag("a0")] });
    expect(replay.replayed).toBe(true);
    expect(await tags()).toEqual(expected);
  });

  const settleAll = async (commands: Parameters<typeof append>[1][]) =>
    (await Promise.allSettled(commands.map((c) => append(t.db, c)))).map((s) => (s.status === "fulfilled" ? s.value : s.reason));
});
