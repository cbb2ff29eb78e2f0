import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentEvents } from "../db/schema/ledger";
import { runWorkspaceAction } from "../handlers/workspace-action";
import type { ActiveSession } from "../auth/staff-sessions";
import { append } from "../ledger/append";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { recordConsentOnBehalf } from "./actions";

describe.each(testDatabaseKinds())("a request recorded by staff on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let staff: ActiveSession;
  let contactId: string;
  const record = (occurredAt: string, action = "opt_out") =>
    runWorkspaceAction(recordConsentOnBehalf, db.db, staff, testMeta, {
      workspace: fx.workspace.slug,
      contactId,
      submissionId: randomUUID(),
      action,
      categories: ["offers"],
      via: "phone_call",
      occurredAt,
      note: "Called the shop and asked to stop offers.",
    });
  const staffEvents = () =>
    db.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.contactId, contactId), eq(consentEvents.channel, "staff")));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    staff = await signedInMember(db.db, fx.workspace.id, "compliance");
    contactId = (await append(db.db, webOptIn(fx, testPhone(7), { categories: ["orders", "offers"], occurredAt: new Date(Date.now() - 3 * 3_600_000) })))
      .contactId;
  });
  afterAll(() => db?.drop());

  it("a time in the future is a field error and records nothing", async () => {
    const result = await record(new Date(Date.now() + 3_600_000).toISOString());
    expect(result).toMatchObject({ ok: false, code: "validation_failed" });
    if (result.ok) return;
    expect(result.fields).toEqual([expect.objectContaining({ field: "occurredAt", message: expect.stringMatching(/in the future/) })]);
    expect(await staffEvents()).toHaveLength(0);
  });

  it("a time more than 90 days back, or none, is a field error and records nothing", async () => {
    for (const occurredAt of [new Date(Date.now() - 91 * 86_400_000).toISOString(), "", "2026-12-04T14:00"]) {
      const result = await record(occurredAt);
      expect(result, occurredAt).toMatchObject({ ok: false, fields: [expect.objectContaining({ field: "occurredAt" })] });
    }
    expect(await staffEvents()).toHaveLength(0);
  });

  it("an opt-out the person asked for an hour ago is recorded as occurring then, entered now", async () => {
    const askedAt = new Date(Date.now() - 3_600_000);
    askedAt.setUTCMilliseconds(0);
    const before = Date.now();
    // As the browser sends it: the staff member's local time with its offset.
    const result = await record(askedAt.toISOString().replace("Z", "+00:00"));
    expect(result).toMatchObject({ ok: true, message: "Recorded the opt-out for 1 category." });
    const [event, ...more] = await staffEvents();
    expect(more).toHaveLength(0);
    expect(event!.action).toBe("opt_out");
    expect(event!.occurredAt.toISOString()).toBe(askedAt.toISOString());
    expect(event!.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("a request dated before a contrary change the person made since is refused, not recorded over it", async () => {
    // The opt-out above (an hour ago) is the person's latest word on offers; an opt-in they phoned in two hours
    // ago would overrule it if recorded now.
    const result = await record(new Date(Date.now() - 2 * 3_600_000).toISOString(), "opt_in");
    expect(result).toMatchObject({ ok: false, fields: [expect.objectContaining({ field: "occurredAt", code: "overruled_later" })] });
    if (result.ok) return;
    expect(result.fields[0]!.message).toMatch(/Offers: opted out later \(Staff/);
    expect((await staffEvents()).filter((e) => e.action === "opt_in")).toHaveLength(0);
    // The same wish dated earlier changes nothing and may be recorded.
    expect(await record(new Date(Date.now() - 2 * 3_600_000).toISOString(), "opt_out")).toMatchObject({ ok: true });
  });
});
