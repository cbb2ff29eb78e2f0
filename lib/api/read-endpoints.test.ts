import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { apiKeys } from "../db/schema/access";
import { messageCategories } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import { append } from "../ledger/append";
import { windowOf } from "../rate-limit/limit";
import { createLedgerFixture, apiOptOut, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { callApi, feedCaughtUp, ledgerRowCounts, testApiKey } from "../../testing/api-client";
import { API_KEY_SYNC_MS, apiKeyLimit, forgetApiKeys } from "../api-keys/authenticate";
import { checkMany, checkOne } from "./consent-checks";
import { getContact } from "./contacts";
import { listEvents } from "./events";
import { exportLedgerEvents } from "./exports";
import { verifyWorkspaceLedger } from "./ledger-verify";
import { MAX_BULK_PHONES } from "./schemas";

describe.each(testDatabaseKinds())("read endpoints of /api/v1 on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let key: string;
  let otherKey: string;
  const check = (phone: string, category: string, k = key) =>
    callApi(db.db, checkOne, { key: k, url: `http://t/api/v1/consent-checks?phone=${encodeURIComponent(phone)}&category=${category}` });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    other = await createLedgerFixture(db.db);
    key = await testApiKey(db.db, fx.workspace.id);
    otherKey = await testApiKey(db.db, other.workspace.id);
    // 1: opted in to orders and offers; 2: opted in then out of offers; 3: only in workspace B.
    await append(db.db, webOptIn(fx, testPhone(1), { categories: ["orders", "offers"] }));
    await append(db.db, webOptIn(fx, testPhone(2), { categories: ["offers"] }));
    await append(db.db, apiOptOut(fx, testPhone(2), ["offers"]));
    await append(db.db, webOptIn(other, testPhone(3), { categories: ["offers"] }));
    for (let i = 10; i < 16; i++) await append(db.db, webOptIn(fx, testPhone(i), { categories: ["tips"] }));
  });
  afterAll(() => db?.drop());

  it("single check: every reason, with the deciding event", async () => {
    expect((await check(testPhone(1), "offers")).json).toMatchObject({
      allowed: true,
      reason: "opted_in",
      category: "offers",
      event: { action: "opt_in", channel: "web" },
    });
    expect((await check(testPhone(2), "offers")).json).toMatchObject({ allowed: false, reason: "opted_out", event: { action: "opt_out", channel: "api" } });
    expect((await check(testPhone(1), "tips")).json).toMatchObject({ allowed: false, reason: "never_opted_in", event: null });
    expect((await check(testPhone(1), "nope")).json).toMatchObject({ allowed: false, reason: "unknown_category" });
    // National format, read in the workspace's country.
    expect((await check(testPhone(1).replace("+1", ""), "orders")).json).toMatchObject({ allowed: true });
  });

  it("single check: a malformed number or a missing parameter is a 422 naming the field", async () => {
    const bad = await check("12", "offers");
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe("phone");
    const missing = await callApi(db.db, checkOne, { key, url: "http://t/api/v1/consent-checks?phone=%2B12015551001" });
    expect(missing.status).toBe(422);
    expect(missing.json.errors.map((e: { field: string }) => e.field)).toEqual(["category"]);
  });

  it("not_confirmed when the workspace requires confirmation; category_retired once retired", async () => {
    await db.db.update(workspaces).set({ requireConfirmation: true }).where(eq(workspaces.id, fx.workspace.id));
    expect((await check(testPhone(1), "orders")).json).toMatchObject({ allowed: false, reason: "not_confirmed", event: { action: "opt_in" } });
    await db.db.update(workspaces).set({ requireConfirmation: false }).where(eq(workspaces.id, fx.workspace.id));
    const tipsId = fx.categories.find((c) => c.key === "tips")!.id;
    await db.db.update(messageCategories).set({ retiredAt: new Date() }).where(eq(messageCategories.id, tipsId));
    expect((await check(testPhone(10), "tips")).json).toMatchObject({ allowed: false, reason: "category_retired" });
    await db.db.update(messageCategories).set({ retiredAt: null }).where(eq(messageCategories.id, tipsId));
  });

  it("bulk check: answers in order, unreadable numbers as invalid_phone, and refuses over 10,000", async () => {
    const phones = [testPhone(1), testPhone(2), "not a phone", testPhone(3), testPhone(1).replace("+1", "")];
    const res = await callApi(db.db, checkMany, { key, body: { phones, category: "offers" } });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { phone: string; reason: string }) => [r.phone, r.reason])).toEqual([
      [phones[0], "opted_in"],
      [phones[1], "opted_out"],
      [phones[2], "invalid_phone"],
      // Workspace B's contact is as unknown here as a made-up number.
      [phones[3], "never_opted_in"],
      [phones[4], "opted_in"],
    ]);
    const before = await ledgerRowCounts(db.db);
    const tooMany = await callApi(db.db, checkMany, {
      key,
      body: { phones: Array.from({ length: MAX_BULK_PHONES + 1 }, (_, i) => testPhone(i)), category: "offers" },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors[0]).toMatchObject({ field: "phones", code: "too_big" });
    expect((await callApi(db.db, checkMany, { key, body: { phones: [], category: "offers" } })).status).toBe(422);
    expect((await callApi(db.db, checkMany, { key, rawBody: "{", headers: {} })).status).toBe(400);
    expect((await callApi(db.db, checkMany, { key, rawBody: "phones=1", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect(await ledgerRowCounts(db.db)).toEqual(before);
    const full = await callApi(db.db, checkMany, {
      key,
      body: { phones: Array.from({ length: MAX_BULK_PHONES }, (_, i) => testPhone(i)), category: "orders" },
    });
    expect(full.status).toBe(200);
    expect(full.json.results).toHaveLength(MAX_BULK_PHONES);
  });

  it("contacts/{phone}: state per category with its event; other workspaces' contacts are not found", async () => {
    const res = await callApi(db.db, getContact, { key, params: { phone: encodeURIComponent(testPhone(2)) } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      phone: testPhone(2),
      categories: [{ category: "offers", state: "opted_out", event: { action: "opt_out", channel: "api" } }],
    });
    expect((await callApi(db.db, getContact, { key, params: { phone: testPhone(3) } })).status).toBe(404);
    expect((await callApi(db.db, getContact, { key: otherKey, params: { phone: testPhone(3) } })).json.categories).toHaveLength(1);
    expect((await callApi(db.db, getContact, { key: otherKey, params: { phone: testPhone(1) } })).status).toBe(404);
    expect((await callApi(db.db, getContact, { key, params: { phone: "abc" } })).status).toBe(422);
  });

  it("a key of workspace B sees none of A's answers", async () => {
    expect((await check(testPhone(1), "offers", otherKey)).json.reason).toBe("never_opted_in");
    expect((await check(testPhone(3), "offers", otherKey)).json.reason).toBe("opted_in");
    await feedCaughtUp(db.db, other.workspace.id);
    const events = await callApi(db.db, listEvents, { key: otherKey, url: "http://t/api/v1/events?limit=1000" });
    expect(events.json.data).toHaveLength(1);
    expect(events.json.data[0].phone).toBe(testPhone(3));
  });

  it("events: walks the whole ledger once through cursor pages, with filters", async () => {
    // As a mirroring client does: pages by nextCursor, then polls with syncCursor. An event is listed once every
    // older transaction on the server has ended, and other suites share this PostgreSQL server, so the last
    // events may take a poll or two to appear; what must hold is that each appears, and only once.
    const seen: string[] = [];
    let cursor: string | null = null;
    const deadline = Date.now() + 30_000;
    while (seen.length < 10 && Date.now() < deadline) {
      const res: Awaited<ReturnType<typeof callApi>> = await callApi(db.db, listEvents, {
        key,
        url: `http://t/api/v1/events?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(res.status).toBe(200);
      seen.push(...res.json.data.map((e: { id: string }) => e.id));
      cursor = res.json.nextCursor ?? res.json.syncCursor;
      if (!res.json.nextCursor && seen.length < 10) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const outs = await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?action=opt_out&category=offers&channel=api" });
    expect(outs.json.data).toHaveLength(1);
    const future = await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?from=2999-01-01" });
    expect(future.json.data).toHaveLength(0);
    expect((await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?cursor=garbage" })).json.errors[0].field).toBe("cursor");
    expect((await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?channel=fax" })).status).toBe(422);
    expect((await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?limit=5000" })).status).toBe(422);
  });

  it("events: a date that is not a real day, or an unknown time parameter, is refused naming the field, never ignored", async () => {
    for (const bad of ["2026-02-30", "2026-13-45", "9999-99-99"]) {
      for (const field of ["from", "to"]) {
        const res = await callApi(db.db, listEvents, { key, url: `http://t/api/v1/events?${field}=${bad}` });
        expect(res.status, `${field}=${bad}`).toBe(422);
        expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
        expect(res.json.errors).toEqual([expect.objectContaining({ field, message: expect.stringContaining("real date") })]);
      }
    }
    for (const field of ["since", "until"]) {
      const res = await callApi(db.db, listEvents, { key, url: `http://t/api/v1/events?${field}=2026-13-45` });
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ field, code: "unrecognized_keys" })]);
    }
    const exported = await callApi(db.db, exportLedgerEvents, { key, url: "http://t/api/v1/exports/events?from=2026-02-30" });
    expect(exported.status).toBe(422);
    expect(exported.json.errors).toEqual([expect.objectContaining({ field: "from" })]);
    expect((await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?from=2024-02-29&to=2026-03-01T10:00:00Z" })).status).toBe(200);
  });

  it("exports: streams CSV and JSON Lines of the key's workspace only, needs the exports scope", async () => {
    const csv = await callApi(db.db, exportLedgerEvents, { key, url: "http://t/api/v1/exports/events?format=csv" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text.trim().split("\n")).toHaveLength(11);
    expect(csv.text).not.toContain(testPhone(3));
    const jsonl = await callApi(db.db, exportLedgerEvents, { key, url: "http://t/api/v1/exports/events?format=jsonl&category=offers" });
    expect(
      jsonl.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).category),
    ).toEqual(["offers", "offers", "offers"]);
    expect((await callApi(db.db, exportLedgerEvents, { key, url: "http://t/api/v1/exports/events?format=xml" })).status).toBe(422);
    const readOnly = await testApiKey(db.db, fx.workspace.id, ["consents:read", "events:read"]);
    expect((await callApi(db.db, exportLedgerEvents, { key: readOnly, url: "http://t/api/v1/exports/events" })).status).toBe(403);
  });

  it("ledger/verify: the workspace's verification", async () => {
    const res = await callApi(db.db, verifyWorkspaceLedger, { key });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, events: 10, problems: [], unanchoredCheckpoints: 0, anchors: { keptHeads: 0, newestAnchoredHead: null } });
    // A head kept by the business that the ledger does not have: named, with its number.
    const unknown = await callApi(db.db, verifyWorkspaceLedger, { key, url: `http://t/api/v1/ledger/verify?anchor=7:${"a".repeat(64)}` });
    expect(unknown.json).toMatchObject({
      ok: false,
      anchors: { keptHeads: 1, keptHeadsMatching: 0 },
      problems: [{ kind: "anchor_checkpoint_missing", checkpointSeq: 7 }],
    });
    const bad = await callApi(db.db, verifyWorkspaceLedger, { key, url: "http://t/api/v1/ledger/verify?anchor=7:nothex" });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ code: "validation_failed", errors: [{ field: "anchor", code: "invalid_anchor" }] });
    const consentsOnly = await testApiKey(db.db, fx.workspace.id, ["consents:read"]);
    expect((await callApi(db.db, verifyWorkspaceLedger, { key: consentsOnly })).status).toBe(403);
  });

  it("rate limits each key (429 with Retry-After) and stamps lastUsedAt at most once a minute", async () => {
    const limited = await testApiKey(db.db, fx.workspace.id, ["consents:read"]);
    const [row] = await db.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.prefix, limited.slice(0, 10)));
    expect((await check(testPhone(1), "offers", limited)).status).toBe(200);
    const lastUsed = async () => (await db.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, row!.id)))[0]!.at;
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await check(testPhone(1), "offers", limited);
    expect(await lastUsed()).toEqual(first);
    const { windowStart } = windowOf(apiKeyLimit, new Date());
    await db.db.execute(
      sql`update rate_limit_buckets set count = ${apiKeyLimit.limit} where key = ${`api-key:${row!.id}`} and window_start = ${windowStart.toISOString()}::timestamptz`,
    );
    // What another instance, or this one at its next sync, goes by: the shared count.
    forgetApiKeys(db.db);
    const res = await check(testPhone(1), "offers", limited);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("adds the requests it answered from a remembered key to the key's shared bucket, and refuses a revoked key once the memory lapses", async () => {
    const remembered = await testApiKey(db.db, fx.workspace.id, ["consents:read"]);
    const [row] = await db.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.prefix, remembered.slice(0, 10)));
    for (let i = 0; i < 5; i++) expect((await check(testPhone(1), "offers", remembered)).status).toBe(200);
    await new Promise((r) => setTimeout(r, API_KEY_SYNC_MS + 100));
    expect((await check(testPhone(1), "offers", remembered)).status).toBe(200);
    const bucket = await db.db.execute(sql`select sum(count)::int as n from rate_limit_buckets where key = ${`api-key:${row!.id}`}`);
    // Six requests; a window boundary between them splits them over two buckets, hence the sum.
    expect((bucket as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(5);
    await db.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row!.id));
    forgetApiKeys(db.db);
    expect((await check(testPhone(1), "offers", remembered)).status).toBe(401);
  });
});
