import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { consentEvents, contacts, eventPersonalData, idempotencyKeys, outbox, subscriptions } from "../db/schema/ledger";
import { AppError, ValidationError } from "../errors";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { append } from "./append";
import { createCheckpoint } from "./checkpoint";
import { erasePersonalData } from "../contacts/erasure/erase";
import { verifyLedger } from "./verify";

async function rowCounts(db: TestDatabase["db"]) {
  const [e] = await db.select({ n: count() }).from(consentEvents);
  const [c] = await db.select({ n: count() }).from(contacts);
  const [o] = await db.select({ n: count() }).from(outbox);
  const [s] = await db.select({ n: count() }).from(subscriptions);
  return { events: e!.n, contacts: c!.n, outbox: o!.n, subscriptions: s!.n };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the command to be refused");
}

describe.each(testDatabaseKinds())("append on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("writes one chained event per category, the state, the outbox row and a receipt", async () => {
    const receipt = await append(t.db, webOptIn(fx, "(201) 555-0101", { categories: ["orders", "offers"], name: "Ana" }));
    expect(receipt.phone).toBe("+12015550101");
    expect(receipt.events.map((e) => [e.categoryKey, e.seq])).toEqual([
      ["orders", 1],
      ["offers", 2],
    ]);
    expect(receipt.state).toEqual({
      orders: { state: "opted_in", optInLevel: "single" },
      offers: { state: "opted_in", optInLevel: "single" },
    });
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, receipt.contactId));
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.seq === 2)!.prevHash).toBe(events.find((e) => e.seq === 1)!.hash);
    const [queued] = await t.db.select().from(outbox).where(sql`${outbox.payload}->>'commandId' = ${receipt.commandId}`);
    expect(queued!.topic).toBe("consent.opt_in");

    const out = await append(t.db, apiOptOut(fx, "+12015550101", ["offers"]));
    expect(out.contactId).toBe(receipt.contactId);
    expect(out.state.offers).toEqual({ state: "opted_out", optInLevel: null });
    expect(out.state.orders).toEqual({ state: "opted_in", optInLevel: "single" });
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });

  it("refuses bad input with a specific error and writes nothing", async () => {
    const before = await rowCounts(t.db);
    const cases: [Parameters<typeof append>[1], string, string][] = [
      [webOptIn(fx, "+12015550102", { categories: ["nope"] }), "categories.0", "unknown_category"],
      [webOptIn(fx, "12"), "phone", "phone_too_short"],
      [webOptIn(fx, "not a phone"), "phone", "phone_not_a_number"],
      [webOptIn(fx, "+12015550102", { evidence: {} }), "evidence.pageUrl", "invalid_type"],
      [webOptIn(fx, "+12015550102", { network: {} }), "network.ip", "required"],
      [webOptIn(fx, "+12015550102", { formVersionId: undefined }), "formVersionId", "required"],
      [webOptIn(fx, "+12015550102", { categories: [] }), "categories", "too_small"],
      [webOptIn(fx, "+12015550102", { channel: "paper" }), "evidence.documentDigest", "invalid_type"],
      [webOptIn(fx, "+12015550102", { occurredAt: new Date(Date.now() + 86_400_000) }), "occurredAt", "in_future"],
      [webOptIn(fx, "+12015550102", { name: "bad\u0000name" }), "name", "invalid_string"],
      [{ ...apiOptOut(fx, "+12015550102", ["orders"]), channel: "staff", evidence: { via: "phone_call" } }, "note", "required"],
    ];
    for (const [command, field, code] of cases) {
      const error = await refusal(append(t.db, command));
      expect(error, `${field}`).toBeInstanceOf(ValidationError);
      expect(error.fields.map((f) => [f.field, f.code])).toContainEqual([field, code]);
    }
    // Another workspace's category and form version are as unknown as made-up ones.
    const foreignCategory = await refusal(append(t.db, webOptIn(fx, "+12015550102", { formVersionId: other.formVersion.id })));
    expect(foreignCategory.fields[0]).toMatchObject({ field: "formVersionId", code: "unknown_form_version" });
    const confirmFirst = await refusal(append(t.db, { ...apiOptOut(fx, "+12015550102", ["orders"]), action: "confirm" }));
    expect(confirmFirst.fields[0]).toMatchObject({ code: "not_opted_in" });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("answers a retried command with its first receipt and writes nothing more", async () => {
    const command = webOptIn(fx, "+12015550103", { idempotencyKey: "submit-abc" });
    const first = await append(t.db, command);
    const before = await rowCounts(t.db);
    const again = await Promise.all([append(t.db, command), append(t.db, command)]);
    for (const r of again) expect(r).toEqual({ ...first, replayed: true });
    expect(await rowCounts(t.db)).toEqual(before);
    const reused = await refusal(append(t.db, { ...command, categories: ["offers"] }));
    expect(reused.code).toBe("idempotency_key_reused");
  });

  it("confirms an opt-in and keeps the confirmation when the person opts in again", async () => {
    await append(t.db, webOptIn(fx, "+12015550104", { categories: ["orders", "offers"] }));
    const confirmed = await append(t.db, {
      ...apiOptOut(fx, "+12015550104", ["orders"]),
      action: "confirm",
      channel: "whatsapp",
      evidence: { messageId: "wamid.1", kind: "confirmation_code", text: "CONFIRM 123456" },
    });
    expect(confirmed.state.orders).toEqual({ state: "opted_in", optInLevel: "confirmed" });
    const again = await append(t.db, webOptIn(fx, "+12015550104"));
    expect(again.state.orders).toEqual({ state: "opted_in", optInLevel: "confirmed" });
  });

  it("refuses UPDATE, DELETE and TRUNCATE on events in the database itself", async () => {
    // Row triggers fire only on rows: make sure each table has one.
    await append(t.db, webOptIn(fx, "+12015550107"));
    expect(await createCheckpoint(t.db, fx.workspace.id)).not.toBeNull();
    for (const statement of [
      sql`update consent_events set action = 'opt_out'`,
      sql`delete from consent_events`,
      sql`truncate consent_events cascade`,
      sql`update form_versions set digest = 'x'`,
      sql`delete from ledger_checkpoints`,
    ]) {
      // drizzle wraps the database's error; the refusal itself is the cause.
      await expect(t.db.execute(statement)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    }
  });

  it("erases personal data, keeps the chain valid, and meets the same number again", async () => {
    const first = await append(t.db, webOptIn(fx, "+12015550105", { name: "Bo", note: undefined, idempotencyKey: "erase-me" }));
    await erasePersonalData(t.db, {
      workspaceId: fx.workspace.id,
      contactId: first.contactId,
      actor: { userId: null, label: "test" },
      reason: "subject access request",
    });
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, first.contactId));
    expect(contact).toMatchObject({ phone: null, name: null });
    expect(await t.db.select().from(eventPersonalData).where(eq(eventPersonalData.contactId, first.contactId))).toEqual([]);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "erase-me"))).toEqual([]);
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);

    const back = await append(t.db, webOptIn(fx, "201-555-0105", { categories: ["offers"] }));
    expect(back.contactId).toBe(first.contactId);
    // After the opt-in, the erasure's opt-out of each of the three categories, then this one.
    expect(back.events[0]!.seq).toBe(5);
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });

  it("refuses erasure of another workspace's contact", async () => {
    const r = await append(t.db, webOptIn(fx, "+12015550106"));
    const error = await refusal(
      erasePersonalData(t.db, { workspaceId: other.workspace.id, contactId: r.contactId, actor: { userId: null, label: "t" }, reason: "x" }),
    );
    expect(error.status).toBe(404);
  });
});
