import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys } from "../db/schema/access";
import { createLedgerFixture, testPhone, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { callApi, ledgerRowCounts, testApiKey } from "../../testing/api-client";
import { apiAuthFailureLimit } from "../api-keys/authenticate";
import { checkOne } from "./consent-checks";
import { recordConsent } from "./consents";

describe.each(testDatabaseKinds())("POST /api/v1/consents and API authentication on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let key: string;
  let n = 0;
  const optIn = (overrides: Record<string, unknown> = {}) => ({
    phone: testPhone(++n),
    categories: ["offers"],
    action: "opt_in",
    channel: "api",
    evidence: { system: "crm", reference: `lead-${n}` },
    ...overrides,
  });
  const post = (body: unknown, options: Parameters<typeof callApi>[2] = {}) =>
    callApi(db.db, recordConsent, { key, body, headers: { "idempotency-key": crypto.randomUUID(), ...options.headers }, ...options });

  /** The request is refused with `status` and `code`, and no ledger table changed. */
  async function expectRefusal(run: () => Promise<{ status: number; json: any; headers: Headers }>, status: number, code: string) {
    const before = await ledgerRowCounts(db.db);
    const res = await run();
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.code).toBe(code);
    expect(await ledgerRowCounts(db.db)).toEqual(before);
    return res.json;
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    key = await testApiKey(db.db, fx.workspace.id);
  });
  afterAll(() => db?.drop());

  it("records an opt-in: 201 with the receipt and a preference link, the API key as actor", async () => {
    const res = await post(optIn({ categories: ["offers", "tips"], name: "Ana" }));
    expect(res.status).toBe(201);
    expect(res.json.events.map((e: { categoryKey: string }) => e.categoryKey)).toEqual(["offers", "tips"]);
    expect(res.json.state.offers).toEqual({ state: "opted_in", optInLevel: "single" });
    expect(res.json.preferenceUrl).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("reads a number as a sending system may pass it on from a person: dashes, direction marks, full-width digits", async () => {
    const res = await post(optIn({ phone: "\u200e+1 201\u2013555\u20130199\u200e" }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const pasted = encodeURIComponent("\uff0b1 (201) 555\u20110199");
    const readKey = await testApiKey(db.db, fx.workspace.id, ["consents:read"]);
    const check = await callApi(db.db, checkOne, { key: readKey, url: `http://t/api/v1/consent-checks?phone=${pasted}&category=offers` });
    expect(check.json, JSON.stringify(check.json)).toMatchObject({ reason: "opted_in" });
  });

  it("answers a replay with the same receipt (200), and refuses the key with another body (409)", async () => {
    const headers = { "idempotency-key": "order-7781" };
    const body = optIn();
    const first = await post(body, { headers });
    const again = await post(body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json.commandId).toBe(first.json.commandId);
    expect(again.json.replayed).toBe(true);
    await expectRefusal(() => post({ ...body, categories: ["orders"] }, { headers }), 409, "idempotency_key_reused");
  });

  it("requires an Idempotency-Key (400) of a sane shape (422)", async () => {
    await expectRefusal(() => callApi(db.db, recordConsent, { key, body: optIn() }), 400, "idempotency_key_required");
    await expectRefusal(() => post(optIn(), { headers: { "idempotency-key": "has space" } }), 422, "validation_failed");
  });

  it("refuses a missing, unknown, malformed or revoked key with 401 and a missing scope with 403", async () => {
    const revoked = await testApiKey(db.db, fx.workspace.id, ["consents:write"], { revoked: true });
    const readOnly = await testApiKey(db.db, fx.workspace.id, ["consents:read"]);
    await expectRefusal(() => post(optIn(), { key: null }), 401, "invalid_api_key");
    await expectRefusal(() => post(optIn(), { key: `ask_${"x".repeat(32)}` }), 401, "invalid_api_key");
    await expectRefusal(() => post(optIn(), { key: "not-a-key" }), 401, "invalid_api_key");
    const res = await expectRefusal(() => post(optIn(), { key: revoked }), 401, "invalid_api_key");
    expect(res.errors).toEqual([]);
    await expectRefusal(() => post(optIn(), { key: readOnly }), 403, "missing_scope");
    const [row] = await db.db
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.prefix, readOnly.slice(0, 10)));
    expect(row!.lastUsedAt).toBeNull();
  });

  it("throttles failed authentications per IP with 429 and Retry-After, and never refuses a valid key for them", async () => {
    const ip = "203.0.113.250";
    // One key this instance has just looked up (held in memory), one it has never seen (the full statement).
    const remembered = await testApiKey(db.db, fx.workspace.id);
    expect((await post(optIn(), { key: remembered, ip: "192.0.2.250" })).status).toBe(201);
    const unseen = await testApiKey(db.db, fx.workspace.id);
    for (let i = 0; i < apiAuthFailureLimit.limit; i++) await post(optIn(), { key: `ask_${"y".repeat(32)}`, ip });
    const res = await post(optIn(), { key: `ask_${"y".repeat(32)}`, ip });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectRefusal(() => post(optIn(), { key: null, ip }), 429, "rate_limited");
    // The valid keys go through from the same address, and more bad keys are still refused after them.
    expect((await post(optIn(), { key: unseen, ip })).status).toBe(201);
    expect((await post(optIn(), { key: remembered, ip })).status).toBe(201);
    await expectRefusal(() => post(optIn(), { key: `ask_${"z".repeat(32)}`, ip }), 429, "rate_limited");
  });

  it("refuses bad bodies with their own status: 415, 400, 413, 422 with a field list", async () => {
    const h = { "idempotency-key": crypto.randomUUID() };
    await expectRefusal(
      () => callApi(db.db, recordConsent, { key, rawBody: "phone=1", headers: { ...h, "content-type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    );
    await expectRefusal(() => callApi(db.db, recordConsent, { key, rawBody: '{"phone":', headers: h }), 400, "malformed_json");
    await expectRefusal(() => callApi(db.db, recordConsent, { key, rawBody: `"${"x".repeat(1024 * 1024 + 10)}"`, headers: h }), 413, "payload_too_large");
    const malformed = await expectRefusal(() => post(optIn({ phone: "12" })), 422, "validation_failed");
    expect(malformed.errors[0].field).toBe("phone");
    const unknown = await expectRefusal(() => post(optIn({ categories: ["offers", "nope"] })), 422, "validation_failed");
    expect(unknown.errors).toEqual([{ field: "categories.1", code: "unknown_category", message: expect.any(String) }]);
    const shape = await expectRefusal(() => post(optIn({ action: "maybe", extra: 1 })), 422, "validation_failed");
    expect(shape.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["action"]));
  });

  it("lets an API caller claim only api, ivr, import or paper, each with its evidence", async () => {
    await expectRefusal(() => post(optIn({ channel: "whatsapp", evidence: { messageId: "m", kind: "text" } })), 422, "validation_failed");
    await expectRefusal(() => post(optIn({ channel: "web", evidence: { pageUrl: "https://x.example" } })), 422, "validation_failed");
    const ivr = { callId: "CA1", dtmfKey: "1", recordingUrl: "https://rec.example/CA1.wav", recordingDigest: "a".repeat(64) };
    const noRecording = await expectRefusal(
      () => post(optIn({ channel: "ivr", evidence: { callId: "CA1", dtmfKey: "1" }, formVersionId: fx.formVersion.id })),
      422,
      "validation_failed",
    );
    expect(noRecording.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["evidence.recordingUrl", "evidence.recordingDigest"]));
    const noScript = await expectRefusal(() => post(optIn({ channel: "ivr", evidence: ivr })), 422, "validation_failed");
    expect(noScript.errors.map((e: { field: string }) => e.field)).toEqual(["formVersionId"]);
    expect((await post(optIn({ channel: "ivr", evidence: ivr, formVersionId: fx.formVersion.id }))).status).toBe(201);
    expect((await post(optIn({ channel: "import", evidence: { source: "old-crm.csv", row: 4 } }))).status).toBe(201);
  });

  it("an opt-out through the API is refused by the very next check", async () => {
    const phone = testPhone(++n);
    const readKey = await testApiKey(db.db, fx.workspace.id, ["consents:read"]);
    const check = () => callApi(db.db, checkOne, { key: readKey, url: `http://t/api/v1/consent-checks?phone=${encodeURIComponent(phone)}&category=offers` });
    expect((await post(optIn({ phone }))).status).toBe(201);
    expect((await check()).json).toMatchObject({ allowed: true, reason: "opted_in" });
    const out = await post({ phone, categories: ["offers"], action: "opt_out", channel: "api", occurredAt: new Date().toISOString() });
    expect(out.status).toBe(201);
    const after = await check();
    expect(after.json).toMatchObject({ allowed: false, reason: "opted_out", event: { id: out.json.events[0].id, channel: "api", action: "opt_out" } });
  });

  it("answers an unexpected fault with a bare 500 naming only the request id", async () => {
    const broken = {
      ...recordConsent,
      handle: async () => {
        throw new Error("secret internals");
      },
    };
    const res = await callApi(db.db, broken, { key, body: optIn(), headers: { "x-request-id": "req-1" } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: "about:blank#internal", title: expect.any(String), status: 500, code: "internal", requestId: "req-1" });
    expect(res.text).not.toContain("secret");
  });
});
