import { describe, expect, it } from "vitest";
import { configCache } from "./config-cache";
import { configChanged } from "./config-epoch";

describe("configCache", () => {
  const counting = () => {
    const loads: string[] = [];
    const values = new Map<string, number>([["a", 1]]);
    const cache = configCache(
      1000,
      (k: string) => k,
      async (_db: object, k: string) => {
        loads.push(k);
        return values.get(k) ?? null;
      },
    );
    return { loads, values, cache };
  };

  it("answers from memory until the entry expires, then reads again", async () => {
    const { loads, values, cache } = counting();
    const db = {};
    expect(await cache.get(db, "a", { now: 0 })).toBe(1);
    values.set("a", 2);
    expect(await cache.get(db, "a", { now: 999 })).toBe(1);
    expect(await cache.get(db, "a", { now: 1000 })).toBe(2);
    expect(loads).toEqual(["a", "a"]);
  });

  it("drops everything at once when a dashboard action moves the epoch, and reads fresh when asked", async () => {
    const { loads, values, cache } = counting();
    const db = {};
    await cache.get(db, "a", { now: 0 });
    values.set("a", 3);
    configChanged(db);
    expect(await cache.get(db, "a", { now: 1 })).toBe(3);
    values.set("a", 4);
    expect(await cache.get(db, "a", { now: 2, fresh: true })).toBe(4);
    expect(loads).toHaveLength(3);
  });

  it("never keeps an absent answer, and keeps each database handle apart", async () => {
    const { loads, values, cache } = counting();
    const one = {};
    const other = {};
    expect(await cache.get(one, "b", { now: 0 })).toBeNull();
    values.set("b", 5);
    expect(await cache.get(one, "b", { now: 1 })).toBe(5);
    expect(await cache.get(other, "b", { now: 1 })).toBe(5);
    expect(loads).toEqual(["b", "b", "b"]);
  });
});
