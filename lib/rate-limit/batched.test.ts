import { describe, expect, it } from "vitest";
import { BatchedRateLimit, type PendingHits } from "./batched";

/** A shared bucket as the database keeps it, so the batching can be watched from outside. */
function sharedBuckets() {
  const counts = new Map<string, number>();
  const calls: PendingHits[][] = [];
  const addHits = async (batch: PendingHits[]) => {
    calls.push(batch);
    const out = new Map<string, number>();
    for (const b of batch) {
      const key = `${b.subject}|${b.windowStart.toISOString()}`;
      counts.set(key, (counts.get(key) ?? 0) + b.hits);
      out.set(b.subject, counts.get(key)!);
    }
    return out;
  };
  return { counts, calls, addHits };
}

const rule = { name: "test", limit: 100, windowSeconds: 60 };
const at = new Date("2026-12-01T10:00:05Z");

describe("BatchedRateLimit", () => {
  it("waits for the database only on a subject's first hit of a window; later hits sync in one background statement", async () => {
    const shared = sharedBuckets();
    const limit = new BatchedRateLimit(rule, 20, shared.addHits);
    await limit.hit("a", at);
    await limit.hit("b", at);
    expect(shared.calls).toHaveLength(2);
    for (let i = 0; i < 5; i++) await limit.hit(i % 2 ? "a" : "b", at);
    expect(shared.calls).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(shared.calls).toHaveLength(3);
    expect(shared.calls[2]!.map((b) => [b.subject, b.hits]).sort()).toEqual([
      ["a", 2],
      ["b", 3],
    ]);
    expect(shared.counts.get(`a|2026-12-01T10:00:00.000Z`)).toBe(3);
    expect(shared.counts.get(`b|2026-12-01T10:00:00.000Z`)).toBe(4);
  });

  it("near the limit every hit syncs at once, and the other instances' hits count", async () => {
    const shared = sharedBuckets();
    const one = new BatchedRateLimit(rule, 60_000, shared.addHits);
    const two = new BatchedRateLimit(rule, 60_000, shared.addHits);
    await two.hit("k", at);
    for (let i = 0; i < 89; i++) await one.hit("k", at);
    // 90 counted by `one` (its first hit synced and learnt of `two`'s); the next passes the last tenth.
    const before = shared.calls.length;
    const result = await one.hit("k", at);
    expect(shared.calls.length).toBe(before + 1);
    expect(result.remaining).toBe(100 - 91);
    for (let i = 0; i < 9; i++) expect((await two.hit("k", at)).allowed).toBe(true);
    await two.sync();
    expect((await one.hit("k", at)).allowed).toBe(false);
  });

  it("judges each hit by the limit it names, and syncs whenever a tenth of that limit is unsynced", async () => {
    const shared = sharedBuckets();
    const limit = new BatchedRateLimit(rule, 60_000, shared.addHits);
    // A subject with its own limit of 1,000 (the rule's is 100): the first hit syncs, then every 100th.
    for (let i = 0; i < 301; i++) expect((await limit.hit("big", at, 1000)).allowed).toBe(true);
    expect(shared.calls.map((c) => c[0]!.hits)).toEqual([1, 100, 100, 100]);
    expect(shared.counts.get(`big|2026-12-01T10:00:00.000Z`)).toBe(301);
    expect((await limit.hit("big", at, 1000)).remaining).toBe(1000 - 302);
    // The same subject judged by a lower limit (its key's limit was lowered) is refused at once.
    expect((await limit.hit("big", at, 300)).allowed).toBe(false);
  });

  it("a failed sync keeps the hits pending for the next one", async () => {
    const shared = sharedBuckets();
    let fail = true;
    const limit = new BatchedRateLimit(rule, 60_000, async (batch) => {
      if (fail) throw new Error("database down");
      return shared.addHits(batch);
    });
    await expect(limit.hit("a", at)).rejects.toThrow("database down");
    fail = false;
    await limit.sync();
    expect(shared.counts.get(`a|2026-12-01T10:00:00.000Z`)).toBe(1);
  });
});
