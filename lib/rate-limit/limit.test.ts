import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/databases";
import { hitRateLimit } from "./limit";

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
