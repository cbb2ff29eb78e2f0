import { sql } from "drizzle-orm";
import { append } from "../lib/ledger/append";
import type { DatabaseKind } from "../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../testing/fixtures";
import { figure, type Figure } from "./figures";
import { mergeRuns, measure, type RunStats } from "./stats";

/**
 * What paging the events API in commit order costs an append: the same appends on two databases, one as
 * migrated (each event stamped with its transaction's id by a column default, indexed on (workspace, tx_id,
 * position)) and one put back to the schema before it (a constant default, the (workspace, recorded_at, id)
 * index), in alternating rounds so both see the same machine.
 */
export async function commitOrderFigures(
  kinds: DatabaseKind[],
  { perRound, rounds, phones, log }: { perRound: number; rounds: number; phones: number; log: (line: string) => void },
): Promise<Figure[]> {
  const rows: Figure[] = [];
  for (const kind of kinds) {
    const sides: { db: TestDatabase; fx: LedgerFixture }[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const db = await createTestDatabase(kind, { maxConnections: 20 });
        sides.push({ db, fx: await createLedgerFixture(db.db) });
      }
      const [after, before] = sides as [(typeof sides)[0], (typeof sides)[0]];
      await before.db.db.execute(sql`alter table consent_events alter column tx_id set default 0`);
      await before.db.db.execute(sql`drop index consent_events_workspace_commit_order`);
      await before.db.db.execute(sql`create index consent_events_workspace_recorded on consent_events (workspace_id, recorded_at, id)`);
      for (const writers of [1, 16]) {
        const run = ({ db, fx }: (typeof sides)[0], offset: number) =>
          measure(perRound, writers, (i) =>
            append(db.db, webOptIn(fx, testPhone(offset + (i % phones)), { categories: i % 2 ? ["orders", "offers"] : ["tips"] })),
          );
        await run(after, 9000);
        await run(before, 9000);
        const a: RunStats[] = [];
        const b: RunStats[] = [];
        for (let r = 0; r < rounds; r++) {
          a.push(await run(after, 0));
          b.push(await run(before, 0));
        }
        const x = mergeRuns(a);
        const y = mergeRuns(b);
        rows.push(
          figure({
            figure: `ledger append with commit-order paging, ${writers} writer${writers === 1 ? "" : "s"}`,
            database: kind,
            value: x.perSecond,
            unit: "appends/s",
            baseline: { label: "the schema before it", value: y.perSecond },
            target: {},
            detail: `p50/p99 ${x.p50.toFixed(1)}/${x.p99.toFixed(1)} ms vs ${y.p50.toFixed(1)}/${y.p99.toFixed(1)} ms`,
          }),
        );
        log(`  ${kind} appends, ${writers} writers: ${x.perSecond.toFixed(0)}/s with commit order vs ${y.perSecond.toFixed(0)}/s before`);
      }
    } finally {
      for (const side of sides) await side.db.drop();
    }
  }
  return rows;
}
