import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { hitRateLimit, hitSlidingRateLimits, type RateLimitRule } from "./limit";

const hitSlidingRateLimit = async (db: Parameters<typeof hitSlidingRateLimits>[0], rule: RateLimitRule, subject: string, now: Date) =>
  (await hitSlidingRateLimits(db, [{ rule, subject }], now))[0]!;

describe.each(testDatabaseKinds())("hitRateLimit on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it("allows up to the limit per window, counts concurrent hits exactly, and starts afresh next window", async () => {
    const rule = { name: "test", limit: 5, windowSeconds: 60 };
    const at = new Date("2026-01-01T10:00:10Z");
    const results = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(t.db, rule, "203.0.113.9", at)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(Math.max(...results.map((r) => r.retryAfterSeconds))).toBe(50);
    expect((await hitRateLimit(t.db, rule, "198.51.100.1", at)).allowed).toBe(true);
    expect((await hitRateLimit(t.db, rule, "203.0.113.9", new Date("2026-01-01T10:01:00Z"))).allowed).toBe(true);
  });
});

describe.each(testDatabaseKinds())("hitSlidingRateLimits on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it("does not let a burst straddling a window boundary through twice", async () => {
    const rule = { name: "burst", limit: 10, windowSeconds: 60 };
    const before = new Date("2026-01-01T10:00:59Z");
    const after = new Date("2026-01-01T10:01:01Z");
    const first = await Promise.all(Array.from({ length: 10 }, () => hitSlidingRateLimit(t.db, rule, "203.0.113.9", before)));
    expect(first.every((r) => r.allowed)).toBe(true);
    // Two seconds later, in the next fixed window: the previous window still weighs 58/60 of its 10 hits.
    expect((await hitSlidingRateLimit(t.db, rule, "203.0.113.9", after)).allowed).toBe(false);
    // Another address is counted on its own.
    expect((await hitSlidingRateLimit(t.db, rule, "198.51.100.1", after)).allowed).toBe(true);
    // Once the previous window has slid away, hits are allowed again.
    expect((await hitSlidingRateLimit(t.db, rule, "203.0.113.9", new Date("2026-01-01T10:01:59Z"))).allowed).toBe(true);
  });
});
