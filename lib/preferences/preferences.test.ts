import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { consentEvents, eventPersonalData, preferenceTokens } from "../db/schema/ledger";
import { findPreferenceCentre } from "./queries";
import { erasePersonalData } from "../contacts/erasure/erase";
import { append } from "../ledger/append";
import { verifyLedger } from "../ledger/verify";
import { NotFoundError } from "../errors";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { changePreferences } from "./change";
import { findPreferenceLink, hashPreferenceToken, issuePreferenceToken, revokePreferenceTokens } from "./tokens";

const base = "https://assent.example";
let ipCounter = 0;
const meta = () => ({ ip: `198.51.100.${++ipCounter}`, userAgent: "Mozilla/5.0 (Linux; Android 13) test", requestId: "r" });

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries({ submissionId: randomUUID(), language: "en", ...fields })) data.set(k, v);
  return data;
}

async function states(db: TestDatabase["db"], token: string) {
  const centre = await findPreferenceCentre(db, token);
  return Object.fromEntries(centre!.categories.map((c) => [c.key, c.state]));
}

describe.each(testDatabaseKinds())("preference centre on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  async function signedUp(categories = ["orders", "offers"]) {
    const receipt = await append(t.db, webOptIn(fx, testPhone(++n), { categories, language: "en" }));
    return { receipt, token: await issuePreferenceToken(t.db, fx.workspace.id, receipt.contactId) };
  }

  it("issues 43-character tokens, stores only their hash, and finds the contact by them", async () => {
    const { receipt, token } = await signedUp();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.select().from(preferenceTokens).where(eq(preferenceTokens.contactId, receipt.contactId));
    expect(rows.map((r) => r.tokenHash)).toEqual([hashPreferenceToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await findPreferenceLink(t.db, token)).toMatchObject({ workspaceId: fx.workspace.id, contactId: receipt.contactId });
  });

  it("refuses forged, malformed and revoked tokens, and a contact of another workspace", async () => {
    const { receipt, token } = await signedUp();
    expect(await findPreferenceLink(t.db, randomBytes(32).toString("base64url"))).toBeUndefined();
    expect(await findPreferenceLink(t.db, `${token}x`)).toBeUndefined();
    expect(await findPreferenceLink(t.db, "../../etc")).toBeUndefined();
    await expect(issuePreferenceToken(t.db, other.workspace.id, receipt.contactId)).rejects.toBeInstanceOf(NotFoundError);

    const newer = await issuePreferenceToken(t.db, fx.workspace.id, receipt.contactId);
    expect(await findPreferenceLink(t.db, token), "a new link replaces the old").toBeUndefined();
    expect(await revokePreferenceTokens(t.db, fx.workspace.id, receipt.contactId)).toBe(1);
    expect(await findPreferenceLink(t.db, newer)).toBeUndefined();
    expect(await findPreferenceCentre(t.db, newer)).toBeUndefined();
  });

  it("shows each category's state: opted in, opted out or never", async () => {
    const { token } = await signedUp(["orders"]);
    expect(await states(t.db, token)).toEqual({ orders: "opted_in", offers: "never", tips: "never" });
  });

  it("writes an opt-out through the ledger with evidence, and the page shows it", async () => {
    const { receipt, token } = await signedUp();
    const result = await changePreferences(t.db, token, form({ change: "opt_out", category: "offers" }), meta(), base);
    expect(result).toEqual({ found: true, notice: "stopped" });
    expect(await states(t.db, token)).toEqual({ orders: "opted_in", offers: "opted_out", tips: "never" });

    const [event] = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, receipt.contactId)).orderBy(desc(consentEvents.seq)).limit(1);
    expect(event).toMatchObject({ action: "opt_out", channel: "web", categoryKey: "offers", language: "en", actor: { type: "person" } });
    const link = await findPreferenceLink(t.db, token);
    expect(event!.evidence).toEqual({ pageUrl: `${base}/p/link#${link!.id}` });
    expect(JSON.stringify(event)).not.toContain(token);
    const [personal] = await t.db.select().from(eventPersonalData).where(eq(eventPersonalData.eventId, event!.id));
    expect(personal).toMatchObject({ ip: expect.stringMatching(/^198\.51\.100\./), userAgent: expect.stringContaining("Android") });
    const [used] = await t.db.select().from(preferenceTokens).where(eq(preferenceTokens.id, link!.id));
    expect(used!.lastUsedAt).not.toBeNull();
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });

  it("opts in again only with the last form version's exact wording, and records it", async () => {
    const { receipt, token } = await signedUp(["orders"]);
    expect(await changePreferences(t.db, token, form({ change: "opt_in", category: "tips" }), meta(), base)).toEqual({ found: true, notice: "saved" });
    expect((await states(t.db, token)).tips).toBe("opted_in");
    const [event] = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.contactId, receipt.contactId), eq(consentEvents.categoryKey, "tips")));
    expect(event).toMatchObject({ action: "opt_in", formVersionId: fx.formVersion.id, formVersionDigest: fx.formVersion.digest, language: "en" });
    // A language the version lacks has no wording to record.
    expect(await changePreferences(t.db, token, form({ change: "opt_in", category: "offers", language: "es" }), meta(), base)).toEqual({
      found: true,
      notice: "invalid",
    });
  });

  it("stops everything in one step, and says so when there is nothing left", async () => {
    const { receipt, token } = await signedUp(["orders", "offers", "tips"]);
    expect(await changePreferences(t.db, token, form({ change: "opt_out_all" }), meta(), base)).toEqual({ found: true, notice: "stopped" });
    expect(await states(t.db, token)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, receipt.contactId));
    const stop = events.filter((e) => e.action === "opt_out");
    expect(stop).toHaveLength(3);
    expect(new Set(stop.map((e) => e.commandId)).size, "one command").toBe(1);
    expect(await changePreferences(t.db, token, form({ change: "opt_out_all" }), meta(), base)).toEqual({ found: true, notice: "nothing" });
  });

  it("records a double submit once, and calls a reused submission id with another choice stale", async () => {
    const { receipt, token } = await signedUp(["orders", "offers"]);
    const submissionId = randomUUID();
    await changePreferences(t.db, token, form({ submissionId, change: "opt_out", category: "orders" }), meta(), base);
    await changePreferences(t.db, token, form({ submissionId, change: "opt_out", category: "orders" }), meta(), base);
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, receipt.contactId));
    expect(events.filter((e) => e.action === "opt_out")).toHaveLength(1);
    expect(await changePreferences(t.db, token, form({ submissionId, change: "opt_out", category: "offers" }), meta(), base)).toEqual({
      found: true,
      notice: "stale",
    });
    expect((await states(t.db, token)).offers).toBe("opted_in");
  });

  it("refuses bad input and writes nothing", async () => {
    const { receipt, token } = await signedUp(["orders"]);
    const before = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, receipt.contactId));
    const bad: Record<string, string>[] = [
      { change: "opt_out", category: "nope" },
      { change: "delete_everything" },
      { change: "opt_out", category: "orders", submissionId: "x" },
    ];
    for (const fields of bad) {
      expect(await changePreferences(t.db, token, form(fields), meta(), base)).toEqual({ found: true, notice: "invalid" });
    }
    expect(await changePreferences(t.db, randomBytes(32).toString("base64url"), form({ change: "opt_out_all" }), meta(), base)).toEqual({ found: false });
    const after = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, receipt.contactId));
    expect(after).toHaveLength(before.length);
  });

  it("rate-limits per link and per network", async () => {
    const { token } = await signedUp(["orders"]);
    const results = [];
    for (let i = 0; i < 21; i++) results.push((await changePreferences(t.db, token, form({ change: "bad" }), meta(), base)) as { notice?: string });
    expect(results.slice(0, 20).every((r) => r.notice === "invalid")).toBe(true);
    expect(results[20]).toEqual({ found: true, notice: "too_many" });

    const sameNetwork = { ip: "192.0.2.200", userAgent: "x", requestId: "r" };
    const forged = randomBytes(32).toString("base64url");
    for (let i = 0; i < 60; i++) await changePreferences(t.db, forged, form({ change: "bad" }), sameNetwork, base);
    expect(await changePreferences(t.db, forged, form({ change: "bad" }), sameNetwork, base)).toEqual({ found: true, notice: "too_many" });
  });

  it("revokes the contact's links in the erasure's transaction", async () => {
    const { receipt, token } = await signedUp(["orders"]);
    await erasePersonalData(t.db, { workspaceId: fx.workspace.id, contactId: receipt.contactId, actor: { userId: null, label: "test" }, reason: "asked" });
    expect(await findPreferenceLink(t.db, token)).toBeUndefined();
    const [row] = await t.db
      .select()
      .from(preferenceTokens)
      .where(eq(preferenceTokens.tokenHash, hashPreferenceToken(token)));
    expect(row!.revokedAt).not.toBeNull();
    await expect(issuePreferenceToken(t.db, fx.workspace.id, receipt.contactId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
