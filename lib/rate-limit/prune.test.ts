import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { queryRows } from "../db/sql";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { countHits, hitSlidingRateLimits, windowOf, type RateLimitRule } from "./limit";
import { KEEP_BUCKETS_SECONDS, LONGEST_WINDOW_SECONDS, pruneRateLimits } from "./prune";
import { startRateLimitPruner } from "./prune-worker";

const minute: RateLimitRule = { name: "t-minute", limit: 10, windowSeconds: 60 };
const quarter: RateLimitRule = { name: "t-quarter", limit: 10, windowSeconds: 900 };
const hour: RateLimitRule = { name: "t-hour", limit: 10, windowSeconds: 3600 };

describe.each(testDatabaseKinds())("pruning rate-limit buckets on %s", (kind) => {
  let t: TestDatabase;
  const rows = async () =>
    queryRows<{ key: string; window_start: Date | string }>(t.db, sql`select key, window_start from rate_limit_buckets order by key, window_start`);
  const bucket = (key: string, windowStart: string, count = 1) =>
    t.db.execute(sql`insert into rate_limit_buckets (key, window_start, count) values (${key}, ${windowStart}::timestamptz, ${count})`);
  const named = async () => (await rows()).map((r) => `${r.key}@${new Date(r.window_start).toISOString()}`);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    await t.db.execute(sql`delete from rate_limit_buckets`);
  });
  afterAll(() => t?.drop());

  it("deletes expired windows, keeps current ones and the previous window a sliding limit still weighs", async () => {
    const now = new Date("2026-05-01T12:30:00Z");
    await bucket("t-minute:a", "2026-05-01T12:30:00Z"); // current
    await bucket("t-minute:a", "2026-05-01T12:29:00Z"); // previous
    await bucket("t-minute:a", "2026-05-01T10:29:00Z"); // two hours gone: expired
    await bucket("t-minute:a", "2026-04-01T00:00:00Z"); // a month gone
    await bucket("t-hour:a", "2026-05-01T12:00:00Z", 0); // current
    await bucket("t-hour:a", "2026-05-01T11:00:00Z", 20); // previous: weighs half its count until 13:00
    await bucket("t-hour:a", "2026-05-01T10:00:00Z", 20); // ended at 11:00, unread since 12:00: expired
    expect(await pruneRateLimits(t.db, now)).toBe(3);
    expect(await named()).toEqual([
      "t-hour:a@2026-05-01T11:00:00.000Z",
      "t-hour:a@2026-05-01T12:00:00.000Z",
      "t-minute:a@2026-05-01T12:29:00.000Z",
      "t-minute:a@2026-05-01T12:30:00.000Z",
    ]);
    // The sliding limit still sees the previous hour: 1 now + 20 × 30/60 = 11, over its 10.
    expect((await hitSlidingRateLimits(t.db, [{ rule: hour, subject: "a" }], now))[0]!.allowed).toBe(false);
    expect(await pruneRateLimits(t.db, now)).toBe(0);
  });

  it("deletes in batches of a bounded size, and a capped run leaves the rest to the next", async () => {
    await t.db.execute(
      sql`insert into rate_limit_buckets (key, window_start, count)
        select 'old:' || i, timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => i), 1 from generate_series(1, 2500) i`,
    );
    await bucket("t-minute:live", "2026-05-01T12:30:00Z");
    const now = new Date("2026-05-01T12:30:00Z");
    expect(await pruneRateLimits(t.db, now, { batchSize: 1000, maxBatches: 2 })).toBe(2000);
    expect(await rows()).toHaveLength(501);
    expect(await pruneRateLimits(t.db, now, { batchSize: 1000, maxBatches: 2 })).toBe(500);
    expect(await named()).toEqual(["t-minute:live@2026-05-01T12:30:00.000Z"]);
  });

  it("with traffic every ten minutes for a day and pruning after each, the table stays bounded", async () => {
    const subjects = ["a", "b", "c", "d", "e"];
    const start = Date.parse("2026-05-02T00:00:00Z");
    const step = 10 * 60_000;
    let most = 0;
    for (let i = 0; i < 144; i++) {
      const now = new Date(start + i * step);
      for (const subject of subjects) {
        await countHits(
          t.db,
          [minute, quarter, hour].map((rule) => ({ rule, subject })),
          now,
        );
      }
      await pruneRateLimits(t.db, now);
      const left = await rows();
      most = Math.max(most, left.length);
      // Nothing older than the cutoff survives a run, and nothing younger is touched.
      const cutoff = now.getTime() - KEEP_BUCKETS_SECONDS * 1000;
      expect(left.every((r) => new Date(r.window_start).getTime() >= cutoff)).toBe(true);
      expect(left.some((r) => new Date(r.window_start).getTime() === windowOf(hour, now).windowStart.getTime())).toBe(true);
    }
    // Per subject, two hours of buckets: 13 minute windows, at most 9 quarter hours, 3 hours (720 without pruning).
    expect(most).toBeLessThanOrEqual(subjects.length * (13 + 9 + 3));
  });

  it("the pruner runs at once and on its interval, and stops", async () => {
    await bucket("t-minute:stale", "2020-01-01T00:00:00Z");
    await bucket("t-minute:live", windowOf(minute, new Date()).windowStart.toISOString());
    const runs: number[] = [];
    let ran!: () => void;
    const first = new Promise<void>((resolve) => (ran = resolve));
    const pruner = startRateLimitPruner(t.db, {
      intervalMs: 60_000,
      onRun: (deleted) => {
        runs.push(deleted);
        ran();
      },
    });
    await first;
    await pruner.stop();
    expect(runs).toEqual([1]);
    expect((await named()).map((n) => n.split("@")[0])).toEqual(["t-minute:live"]);
  });
});

describe("the pruner and the rules it serves", () => {
  it("logs a failed run instead of throwing, and goes on", async () => {
    const broken = await openDatabase({ kind: "pglite", dataDir: null });
    await broken.close();
    const errors: unknown[] = [];
    let twice!: () => void;
    const failedTwice = new Promise<void>((resolve) => (twice = resolve));
    const pruner = startRateLimitPruner(broken.db, {
      intervalMs: 1,
      onError: (error) => {
        errors.push(error);
        if (errors.length === 2) twice();
      },
    });
    await failedTwice;
    await pruner.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(String((errors[0] as { cause?: unknown }).cause)).toMatch(/PGlite is closed/);
  });

  it("no rate-limit rule in the source has a window longer than the pruning assumes", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
        return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
      });
    const windows = ["lib", "app", "cli"]
      .flatMap((dir) => sources(path.join(root, dir)))
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/windowSeconds:\s*([\d_]+)/g)].map((m) => Number(m[1]!.replaceAll("_", ""))));
    // The rules of sign-in, the hosted form, forgot-password, the API, setup, links and the preference centre.
    expect(windows.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...windows)).toBeLessThanOrEqual(LONGEST_WINDOW_SECONDS);
  });
});
