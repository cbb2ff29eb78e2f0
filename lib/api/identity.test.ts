import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append } from "../ledger/append";
import { callApi, feedCaughtUp, ledgerRowCounts, testApiKey } from "../../testing/api-client";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { checkMany, checkOne } from "./consent-checks";
import { recordConsent } from "./consents";
import { getContact } from "./contacts";
import { listEvents } from "./events";
import { exportLedgerEvents } from "./exports";

/** The API names a person by number, by WhatsApp BSUID (userId), or both, and answers the same for either. */
describe.each(testDatabaseKinds())("identities in /api/v1 on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let key: string;
  let otherKey: string;
  const linked = { phone: "+12015550801", bsuid: "US.13491208655302741918" };
  const bsuidOnly = "IN.1648738043044942";
  const check = (query: string, k = key) => callApi(db.db, checkOne, { key: k, url: `http://t/api/v1/consent-checks?${query}` });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    other = await createLedgerFixture(db.db);
    key = await testApiKey(db.db, fx.workspace.id);
    otherKey = await testApiKey(db.db, other.workspace.id);
    // Signed up on the web by number; then a STOP of offers came with the number and the BSUID (linking them).
    await append(db.db, webOptIn(fx, linked.phone, { categories: ["orders", "offers"] }));
    await append(db.db, { ...apiOptOut(fx, linked.phone, ["offers"]), bsuid: linked.bsuid });
    // Known only by a BSUID: opted in to orders.
    await append(db.db, { ...webOptIn(fx, "", { categories: ["orders"] }), phone: undefined, bsuid: bsuidOnly });
  });
  afterAll(() => db?.drop());

  it("a check by BSUID and a check by number answer the same", async () => {
    for (const category of ["orders", "offers", "tips"]) {
      const byPhone = (await check(`phone=${encodeURIComponent(linked.phone)}&category=${category}`)).json;
      const byBsuid = (await check(`userId=${linked.bsuid}&category=${category}`)).json;
      const { phone, ...answer } = byPhone;
      expect(phone).toBe(linked.phone);
      expect(byBsuid).toEqual({ userId: linked.bsuid, ...answer });
    }
    expect((await check(`userId=${linked.bsuid}&category=offers`)).json).toMatchObject({ allowed: false, reason: "opted_out" });
    expect((await check(`userId=${bsuidOnly}&category=orders`)).json).toMatchObject({ allowed: true, reason: "opted_in", userId: bsuidOnly });
    expect((await check(`userId=US.999&category=orders`)).json).toMatchObject({ allowed: false, reason: "never_opted_in" });
    // Another workspace's key does not see this BSUID.
    expect((await check(`userId=${bsuidOnly}&category=orders`, otherKey)).json).toMatchObject({ reason: "never_opted_in" });
  });

  it("a check names the person once: phone or userId, well formed", async () => {
    const neither = await check("category=orders");
    expect(neither.status).toBe(422);
    expect(neither.json.errors[0].field).toBe("phone");
    const both = await check(`phone=${encodeURIComponent(linked.phone)}&userId=${linked.bsuid}&category=orders`);
    expect(both.status).toBe(422);
    expect(both.json.errors[0].field).toBe("userId");
    const malformed = await check("userId=not-a-bsuid&category=orders");
    expect(malformed.status).toBe(422);
    expect(malformed.json.errors[0].field).toBe("userId");
  });

  it("bulk: phones and userIds in one request, each answered as sent, in order", async () => {
    const res = await callApi(db.db, checkMany, {
      key,
      body: { category: "orders", phones: [linked.phone, "nope"], userIds: [linked.bsuid, bsuidOnly, "US.0", "bad id"] },
    });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: any) => [r.phone ?? r.userId, r.reason])).toEqual([
      [linked.phone, "opted_in"],
      ["nope", "invalid_phone"],
      [linked.bsuid, "opted_in"],
      [bsuidOnly, "opted_in"],
      ["US.0", "never_opted_in"],
      ["bad id", "invalid_user_id"],
    ]);
    expect((await callApi(db.db, checkMany, { key, body: { category: "orders" } })).status).toBe(422);
    expect((await callApi(db.db, checkMany, { key, body: { category: "orders", phones: [], userIds: [] } })).status).toBe(422);
  });

  it("contacts: found by number or by BSUID, each shows both identities", async () => {
    const byPhone = (await callApi(db.db, getContact, { key, params: { phone: encodeURIComponent(linked.phone) } })).json;
    const byBsuid = (await callApi(db.db, getContact, { key, params: { phone: linked.bsuid } })).json;
    expect(byBsuid).toEqual(byPhone);
    expect(byBsuid).toMatchObject({ phone: linked.phone, userId: linked.bsuid });
    expect((await callApi(db.db, getContact, { key, params: { phone: bsuidOnly } })).json).toMatchObject({ phone: null, userId: bsuidOnly });
    expect((await callApi(db.db, getContact, { key: otherKey, params: { phone: bsuidOnly } })).status).toBe(404);
    expect((await callApi(db.db, getContact, { key, params: { phone: "US.no-such" } })).status).toBe(422);
  });

  it("POST /consents takes a userId with or without a phone; a bad one changes nothing", async () => {
    const post = (body: unknown) => callApi(db.db, recordConsent, { key, body, headers: { "idempotency-key": crypto.randomUUID() } });
    const onlyBsuid = await post({ userId: "MX.5512345", categories: ["tips"], action: "opt_out", channel: "api" });
    expect(onlyBsuid.status).toBe(201);
    expect(onlyBsuid.json).toMatchObject({ phone: null, userId: "MX.5512345" });
    const linking = await post({ phone: "+525512340099", userId: "MX.5512345", categories: ["orders"], action: "opt_out", channel: "api" });
    expect(linking.json).toMatchObject({ contactId: onlyBsuid.json.contactId, phone: "+525512340099", userId: "MX.5512345" });
    // The number and the BSUID of two different contacts: refused, nothing written.
    const before = await ledgerRowCounts(db.db);
    const conflict = await post({ phone: linked.phone, userId: "MX.5512345", categories: ["orders"], action: "opt_out", channel: "api" });
    expect(conflict.status).toBe(409);
    expect(conflict.json.code).toBe("identity_conflict");
    const neither = await post({ categories: ["orders"], action: "opt_out", channel: "api" });
    expect(neither.status).toBe(422);
    expect(neither.json.errors[0].field).toBe("phone");
    expect((await post({ userId: "mx.lowercase", categories: ["orders"], action: "opt_out", channel: "api" })).json.errors[0].field).toBe("userId");
    expect(await ledgerRowCounts(db.db)).toEqual(before);
  });

  it("events and exports carry whichever identity is known", async () => {
    await feedCaughtUp(db.db, fx.workspace.id);
    const events = (await callApi(db.db, listEvents, { key, url: "http://t/api/v1/events?limit=1000" })).json.data;
    expect(events.filter((e: any) => e.userId === bsuidOnly).map((e: any) => e.phone)).toEqual([null]);
    expect(events.filter((e: any) => e.phone === linked.phone).every((e: any) => e.userId === linked.bsuid)).toBe(true);
    const jsonl = await callApi(db.db, exportLedgerEvents, { key, url: "http://t/api/v1/exports/events?format=jsonl" });
    const rows = jsonl.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.filter((r) => r.user_id === bsuidOnly).map((r) => r.phone)).toEqual([null]);
    expect(rows.filter((r) => r.phone === linked.phone).every((r) => r.user_id === linked.bsuid)).toBe(true);
    const csv = await callApi(db.db, exportLedgerEvents, { key, url: "http://t/api/v1/exports/events?format=csv" });
    const [header, ...lines] = csv.text.trim().split("\n");
    // user_id comes after every column older files had; the business's names at each event come after it.
    expect(header!.split(",").slice(-3)).toEqual(["user_id", "business_name", "legal_name"]);
    expect(lines.filter((l) => l.includes(`,${bsuidOnly},`))).toHaveLength(1);
  });
});
