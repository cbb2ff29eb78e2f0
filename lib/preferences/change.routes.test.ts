import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { consentEvents } from "../db/schema/ledger";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { submitPreferenceChange } from "./change.routes";
import { findPreferenceCentre } from "./queries";
import { issuePreferenceToken } from "./tokens";

const origin = "http://assent.test";
let ipCounter = 0;

function post(token: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${origin}/p/${token}/submit`, {
    method: "POST",
    body: new URLSearchParams({ submissionId: randomUUID(), language: "en", ...fields }),
    headers: { origin, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.18.0.${++ipCounter}`, ...headers },
  });
}

describe.each(testDatabaseKinds())("preference centre submit handler on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  async function signedUp() {
    const receipt = await append(t.db, webOptIn(fx, testPhone(++n), { categories: ["orders", "offers"], language: "en" }));
    return { receipt, token: await issuePreferenceToken(t.db, fx.workspace.id, receipt.contactId) };
  }
  const change = (request: Request, token: string) => submitPreferenceChange(t.db, request, { token });
  const eventsOf = (contactId: string) => t.db.select().from(consentEvents).where(eq(consentEvents.contactId, contactId));

  it("records a change posted without JavaScript and goes back to the page with the notice (303)", async () => {
    const { receipt, token } = await signedUp();
    const response = await change(post(token, { change: "opt_out", category: "offers" }), token);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/p/${token}?notice=stopped&lang=en`);
    const centre = await findPreferenceCentre(t.db, token);
    expect(centre!.categories.find((c) => c.key === "offers")!.state).toBe("opted_out");
    expect((await eventsOf(receipt.contactId)).filter((e) => e.action === "opt_out")).toHaveLength(1);
  });

  it("answers JSON when asked, and records a double submit once", async () => {
    const { receipt, token } = await signedUp();
    const fields = { submissionId: randomUUID(), change: "opt_out_all" };
    const headers = { accept: "application/json", "x-forwarded-for": "198.18.1.1" };
    const first = await change(post(token, fields, headers), token);
    const second = await change(post(token, fields, headers), token);
    expect(await first.json()).toEqual({ ok: true, pageUrl: `/p/${token}?notice=stopped&lang=en` });
    expect((await second.json()) as { pageUrl: string }).toMatchObject({ ok: true });
    // One command stopping both categories: two events, not four.
    expect((await eventsOf(receipt.contactId)).filter((e) => e.action === "opt_out")).toHaveLength(2);
  });

  it("refuses a post from another site with 403 and writes nothing", async () => {
    const { receipt, token } = await signedUp();
    const before = (await eventsOf(receipt.contactId)).length;
    for (const foreign of ["https://evil.example", "null"]) {
      const response = await change(post(token, { change: "opt_out_all" }, { origin: foreign }), token);
      expect(response.status).toBe(403);
    }
    expect(await eventsOf(receipt.contactId)).toHaveLength(before);
  });

  it("sends an unknown or malformed link to its not-found page, and an invalid change back with a notice", async () => {
    const { token } = await signedUp();
    expect((await change(post("short", { change: "opt_out_all" }), "short")).headers.get("location")).toBe("/p/unknown");
    const unknown = "A".repeat(43);
    expect((await change(post(unknown, { change: "opt_out_all" }), unknown)).headers.get("location")).toBe(`/p/${unknown}`);
    const invalid = await change(post(token, { change: "subscribe_everything" }), token);
    expect(invalid.headers.get("location")).toBe(`/p/${token}?notice=invalid&lang=en`);
  });
});
