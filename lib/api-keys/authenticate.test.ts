import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { apiKeys } from "../db/schema/access";
import type { Db } from "../db/client";
import { RateLimitedError } from "../api/errors";
import { checkOne } from "../api/consent-checks";
import { syncSlack } from "../rate-limit/batched";
import { windowOf } from "../rate-limit/limit";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { anotherInstance, callApi, testApiKey } from "../../testing/api-client";
import { testMeta } from "../../testing/staff";
import { API_KEY_CACHE_MS, apiKeyLimit, authenticateApiRequest, flushApiKeyHits, forgetApiKeys } from "./authenticate";

const request = (key: string) => new Request("http://assent.test/api/v1/consent-checks", { headers: { authorization: `Bearer ${key}` } });

/** One authentication at `now`: the key's state on success, the refusal's limit and wait on a 429. */
async function authenticate(db: Db, key: string, now: Date) {
  try {
    const { rateLimit } = await authenticateApiRequest(db, request(key), testMeta, "consents:read", now);
    return { allowed: true as const, ...rateLimit };
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return { allowed: false as const, limit: error.limit, retryAfterSeconds: error.retryAfterSeconds };
  }
}

const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

describe.each(testDatabaseKinds())("API key rate limits on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  const keyId = async (key: string) =>
    (
      await t.db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(eq(apiKeys.prefix, key.slice(0, 10)))
    )[0]!.id;
  const bucket = async (key: string, windowStart: Date) => {
    const result = (await t.db.execute(
      sql`select count from rate_limit_buckets where key = ${`api-key:${await keyId(key)}`} and window_start = ${windowStart.toISOString()}::timestamptz`,
    )) as unknown as { rows: { count: number }[] };
    return Number(result.rows[0]?.count ?? 0);
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("a key without its own limit takes 1,500 authentications in a minute (the default is 6,000)", async () => {
    const key = await testApiKey(t.db, fx.workspace.id);
    // Spread over 45 s, so the key is looked up again (one full statement) every API_KEY_CACHE_MS in between.
    const results = [];
    for (let i = 0; i < 1500; i++) results.push(await authenticate(t.db, key, at("2026-03-02T10:00:00Z", i * 30)));
    expect(results.filter((r) => !r.allowed)).toEqual([]);
    expect(results.at(-1)).toMatchObject({ limit: 6000, remaining: 4500 });
    await flushApiKeyHits(t.db);
    expect(await bucket(key, new Date("2026-03-02T10:00:00Z"))).toBe(1500);
  });

  it("a key limited to 100 a minute is refused on the 101st, and afresh the next minute", async () => {
    const key = await testApiKey(t.db, fx.workspace.id, ["consents:read"], { rateLimitPerMinute: 100 });
    const results = [];
    for (let i = 0; i < 101; i++) results.push(await authenticate(t.db, key, at("2026-03-02T11:00:10Z", i * 100)));
    expect(results.slice(0, 100).every((r) => r.allowed)).toBe(true);
    expect(results[0]).toMatchObject({ limit: 100, remaining: 99, resetSeconds: 50 });
    expect(results[99]).toMatchObject({ limit: 100, remaining: 0 });
    expect(results[100]).toEqual({ allowed: false, limit: 100, retryAfterSeconds: 40 });
    expect(await authenticate(t.db, key, at("2026-03-02T11:01:00Z"))).toMatchObject({ allowed: true, remaining: 99 });
  });

  it("a changed limit applies once the instance looks the key up again, within API_KEY_CACHE_MS", async () => {
    const key = await testApiKey(t.db, fx.workspace.id, ["consents:read"], { rateLimitPerMinute: 100 });
    for (let i = 0; i < 10; i++) expect((await authenticate(t.db, key, at("2026-03-02T12:00:00Z", i))).allowed).toBe(true);
    await t.db
      .update(apiKeys)
      .set({ rateLimitPerMinute: 5 })
      .where(eq(apiKeys.id, await keyId(key)));
    expect(await authenticate(t.db, key, at("2026-03-02T12:00:01Z"))).toMatchObject({ allowed: true, limit: 100 });
    expect(await authenticate(t.db, key, at("2026-03-02T12:00:00Z", API_KEY_CACHE_MS + 1))).toMatchObject({ allowed: false, limit: 5 });
  });

  it("two instances together pass a key's limit by no more than the documented sync slack", async () => {
    const key = await testApiKey(t.db, fx.workspace.id, ["consents:read"], { rateLimitPerMinute: 100 });
    const instances = [t.db, anotherInstance(t)];
    const now = at("2026-03-02T13:00:05Z");
    // Each takes its turn at once, far faster than the instances' background syncs (every second, real time).
    let allowed = 0;
    for (let i = 0; i < 300; i++) if ((await authenticate(instances[i % 2]!, key, now)).allowed) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThanOrEqual(100 + syncSlack(100, 2));
    // And both instances now refuse it.
    for (const db of instances) expect((await authenticate(db, key, now)).allowed).toBe(false);
    for (const db of instances) await flushApiKeyHits(db);
    expect(await bucket(key, windowOf(apiKeyLimit, now).windowStart)).toBe(302);
  });

  it("answers carry RateLimit-* headers; a 429 also Retry-After, with nothing remaining", async () => {
    const key = await testApiKey(t.db, fx.workspace.id, ["consents:read"], { rateLimitPerMinute: 100 });
    const check = () => callApi(t.db, checkOne, { key, url: "http://t/api/v1/consent-checks?phone=%2B12015550100&category=orders" });
    const ok = await check();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-limit")).toBe("100");
    expect(ok.headers.get("ratelimit-remaining")).toBe("99");
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
    // A refusal after authentication (a bad query) still says where the key stands.
    const invalid = await callApi(t.db, checkOne, { key, url: "http://t/api/v1/consent-checks?phone=12&category=orders" });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("ratelimit-limit")).toBe("100");

    // The key's bucket full in this minute and the next (a call landing on either side of a boundary), as another
    // instance would have filled it.
    const now = new Date();
    const id = await keyId(key);
    for (const windowStart of [windowOf(apiKeyLimit, now).windowStart, new Date(windowOf(apiKeyLimit, now).windowStart.getTime() + 60_000)]) {
      await t.db.execute(sql`insert into rate_limit_buckets (key, window_start, count) values (${`api-key:${id}`}, ${windowStart.toISOString()}::timestamptz, 100)
        on conflict (key, window_start) do update set count = 100`);
    }
    forgetApiKeys(t.db);
    const refused = await check();
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ code: "rate_limited" });
    expect(refused.headers.get("ratelimit-limit")).toBe("100");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-reset")).toBe(refused.headers.get("retry-after"));
  });

  it("the column refuses a limit outside 1..1,000,000", async () => {
    const id = await keyId(await testApiKey(t.db, fx.workspace.id));
    for (const bad of [0, 1_000_001]) {
      await expect(t.db.update(apiKeys).set({ rateLimitPerMinute: bad }).where(eq(apiKeys.id, id))).rejects.toThrow();
    }
  });
});
