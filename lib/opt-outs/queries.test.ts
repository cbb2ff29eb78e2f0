import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append } from "../ledger/append";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { findRecentOptOuts } from "./queries";

describe.each(testDatabaseKinds())("the opt-outs list on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  it("attributes each opt-out to the form and channel of the opt-in it undoes, says how they asked, and filters by that form", async () => {
    const viaForm = testPhone(401);
    await append(t.db, webOptIn(fx, viaForm, { categories: ["offers"] }));
    // A STOP on WhatsApp undoes the web form's opt-in.
    await append(t.db, {
      workspaceId: fx.workspace.id,
      phone: viaForm,
      categories: ["offers"],
      action: "opt_out",
      channel: "whatsapp",
      evidence: { messageId: "wamid.TEST-STOP-1", kind: "text", text: "STOP" },
      actor: { type: "person" },
    });
    // A phone call to staff undoes an opt-in made through the API: no form, the channel says where.
    const viaApi = testPhone(402);
    await append(t.db, { ...webOptIn(fx, viaApi, { categories: ["tips"] }), channel: "api", formVersionId: undefined, evidence: { system: "CRM" } });
    await append(t.db, {
      ...apiOptOut(fx, viaApi, ["tips"]),
      channel: "staff",
      evidence: { via: "phone_call" },
      note: "Called to stop tips",
      actor: { type: "staff", userId: "00000000-0000-4000-8000-000000000001" },
    });
    // An opt-out after an opt-out undoes nothing.
    await append(t.db, apiOptOut(fx, viaForm, ["offers"]));

    const { rows } = await findRecentOptOuts(t.db, fx.workspace.id, {});
    expect(rows.map((r) => [r.phone, r.how, r.formName, r.signedUpThrough])).toEqual([
      [viaForm, "From another system through the API", null, null],
      [viaApi, "Phone call to staff", null, "api"],
      [viaForm, "Wrote “STOP” on WhatsApp", "Join", "web"],
    ]);
    // The form filter follows the attribution: the web form's opt-out is found under it, though it came by WhatsApp.
    const byForm = await findRecentOptOuts(t.db, fx.workspace.id, { form: "join" });
    expect(byForm.rows.map((r) => [r.phone, r.channel])).toEqual([[viaForm, "whatsapp"]]);
  });

  it("attributes nothing to an opt-out without an earlier opt-in of its category, and lists only the workspace's own", async () => {
    const own = await createLedgerFixture(t.db);
    const other = await createLedgerFixture(t.db);
    const phone = testPhone(403);
    // An opt-in to order updates does not make an opt-out of offers undo anything.
    await append(t.db, webOptIn(own, phone, { categories: ["orders"] }));
    await append(t.db, apiOptOut(own, phone, ["offers"]));
    // Nothing at all before this one.
    await append(t.db, apiOptOut(own, testPhone(404), ["tips"]));
    // The same number in another workspace, opted in there through its form and out again.
    await append(t.db, webOptIn(other, phone, { categories: ["offers"] }));
    await append(t.db, apiOptOut(other, phone, ["offers"]));

    const mine = await findRecentOptOuts(t.db, own.workspace.id, {});
    expect(mine.rows.map((r) => [r.phone, r.categoryLabel, r.formName, r.signedUpThrough])).toEqual([
      [testPhone(404), "Tips", null, null],
      [phone, "Offers", null, null],
    ]);
    expect(mine.nextBefore).toBeUndefined();
    const theirs = await findRecentOptOuts(t.db, other.workspace.id, {});
    expect(theirs.rows.map((r) => [r.phone, r.formName, r.signedUpThrough])).toEqual([[phone, "Join", "web"]]);
  });
});
