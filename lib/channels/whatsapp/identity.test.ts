import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentEvents, contacts } from "../../db/schema/ledger";
import { append } from "../../ledger/append";
import { erasePersonalData } from "../../contacts/erasure/erase";
import { queryRows } from "../../db/sql";
import { verifyLedger } from "../../ledger/verify";
import { runWebhookPass } from "../../webhooks/worker";
import { createChannelFixture, statesOf, statesOfBsuid, tapsToJoin, testAppSecret, type ChannelFixture } from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { webOptIn } from "../../../testing/fixtures";
import { failedStatus, failedStatusTo, signedMetaRequest, textMessage, textMessageFrom, userPreference, userPreferenceFrom } from "../../../testing/meta-cloud";
import { whatsappWebhookUrl } from "../settings";
import { receiveWhatsAppWebhook } from "./webhook";

/**
 * Who a WhatsApp notification is about, as Meta sends it: wa_ids that are not the E.164 number (Meta warns they may
 * not match), and the business-scoped user id (BSUID) that may replace the number.
 */
describe.each(testDatabaseKinds())("WhatsApp identity on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let u = 0;
  const newBsuid = () => `BR.${kind}${Date.now().toString(36)}${++u}`;
  const sent: { to?: string; recipient?: string; text: string }[] = [];
  const post = async (payload: unknown) => {
    const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), payload, testAppSecret), {
      sender: async (r) => void sent.push(r),
    });
    await new Promise((r) => setImmediate(r)); // replies go out after the answer
    expect(response.status).toBe(200);
  };
  const states = (phone: string) => statesOf(t.db, fx.workspace.id, phone);
  const byBsuid = (bsuid: string) =>
    t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, fx.workspace.id), sql`${contacts.bsuidDigest} is not null`, eq(contacts.bsuid, bsuid)));
  const statesByBsuid = (bsuid: string) => statesOfBsuid(t.db, fx.workspace.id, bsuid);
  const chainOf = (contactId: string) => t.db.select().from(consentEvents).where(eq(consentEvents.contactId, contactId)).orderBy(asc(consentEvents.seq));
  const contactsOf = (phone: string) =>
    t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, fx.workspace.id), eq(contacts.phone, phone)));

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  // [country, as typed on the web form, the number stored, an old-style wa_id of the same person]
  const quirky = [
    ["Brazil without the mobile 9", "+55 11 98765-4321", "+5511987654321", "551187654321"],
    ["Mexico's legacy 521", "+52 55 1234 5678", "+525512345678", "5215512345678"],
    ["Argentina without the 9", "+54 9 11 2345-6789", "+5491123456789", "541123456789"],
  ] as const;

  it.each(quirky)("a STOP from a wa_id in %s opts out the contact who signed up on the web", async (_, typed, stored, waId) => {
    const receipt = await append(t.db, webOptIn(fx, typed, { categories: ["orders", "offers"] }));
    expect(receipt.phone).toBe(stored);
    await post(textMessage(waId, "STOP"));
    expect(await states(stored)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect(await contactsOf(stored)).toHaveLength(1);
    expect(await contactsOf(`+${waId}`)).toHaveLength(0);
  });

  it.each(quirky)("WhatsApp's marketing stop and a 131050 refusal from a wa_id in %s reach the same contact", async (_, typed, stored, waId) => {
    const receipt = await append(t.db, webOptIn(fx, typed, { categories: ["orders", "offers", "tips"] }));
    await post(userPreference(waId, "stop"));
    expect(await states(stored)).toEqual({ orders: "opted_in:single", offers: "opted_out", tips: "opted_out" });
    await post(userPreference(waId, "resume"));
    await post(failedStatus(waId));
    expect(await states(stored)).toEqual({ orders: "opted_in:single", offers: "opted_out", tips: "opted_out" });
    expect((await contactsOf(stored)).map((c) => c.id)).toEqual([receipt.contactId]);
  });

  it("a JOIN from an old-style wa_id and a later web sign-up with today's number are one contact", async () => {
    await post(tapsToJoin(fx, "551187650000"));
    const receipt = await append(t.db, webOptIn(fx, "+55 11 98765-0000", { categories: ["orders"] }));
    expect(receipt.phone).toBe("+5511987650000");
    expect(await states("+5511987650000")).toEqual({ orders: "opted_in:single", offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    expect(await contactsOf("+5511987650000")).toHaveLength(1);
  });

  it("a message with only a BSUID (a username, no number) opts in and out a contact known by that BSUID", async () => {
    const bsuid = newBsuid();
    sent.length = 0;
    await post(tapsToJoin(fx, { userId: bsuid }));
    const [contact] = await byBsuid(bsuid);
    expect(contact).toMatchObject({ phone: null, phoneDigest: null, bsuid });
    expect(await statesByBsuid(bsuid)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    // The reply goes to the BSUID, as Meta's send API takes it when there is no number.
    expect(sent.at(-1)).toMatchObject({ recipient: bsuid });
    expect(sent.at(-1)?.to).toBeUndefined();
    await post(textMessageFrom({ userId: bsuid }, "STOP"));
    expect(await statesByBsuid(bsuid)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    const chain = await chainOf(contact!.id);
    expect(chain.every((e) => e.phoneDigest === null && e.bsuidDigest !== null)).toBe(true);
  });

  it("a later message with the number and the BSUID links them: one contact, whose history continues", async () => {
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    const [before] = await byBsuid(bsuid);
    await post(textMessageFrom({ phone: "+5511987600001", userId: bsuid }, "STOP tips"));
    const [after] = await byBsuid(bsuid);
    expect(after).toMatchObject({ id: before!.id, phone: "+5511987600001", bsuid });
    expect(await contactsOf("+5511987600001")).toHaveLength(1);
    const chain = await chainOf(before!.id);
    expect(chain.map((e) => [e.seq, e.action])).toEqual([
      [1, "opt_in"],
      [2, "opt_in"],
      [3, "opt_out"],
    ]);
    expect(chain[2]!.prevHash).toBe(chain[1]!.hash);
    // From now on the number alone (an old-style wa_id even) reaches the same contact.
    await post(textMessage("551187600001", "STOP"));
    expect(await statesByBsuid(bsuid)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect((await chainOf(before!.id)).length).toBe(6);
  });

  it("a BSUID is linked to the contact who signed up on the web with the number", async () => {
    const bsuid = newBsuid();
    const receipt = await append(t.db, webOptIn(fx, "+52 55 1234 0002", { categories: ["offers"] }));
    await post(textMessageFrom({ phone: "+5215512340002", userId: bsuid }, "STOP"));
    const [linked] = await byBsuid(bsuid);
    expect(linked).toMatchObject({ id: receipt.contactId, phone: "+525512340002" });
    // WhatsApp's marketing stop by BSUID alone, then resume: the same contact.
    await post(userPreferenceFrom({ userId: bsuid }, "resume"));
    expect(await states("+525512340002")).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
  });

  it("preferences and 131050 refusals that name only the BSUID reach that contact", async () => {
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    await post(userPreferenceFrom({ userId: bsuid }, "stop"));
    expect(await statesByBsuid(bsuid)).toEqual({ offers: "opted_out", tips: "opted_out" });
    await post(userPreferenceFrom({ userId: bsuid }, "resume"));
    expect(await statesByBsuid(bsuid)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    await post(failedStatusTo({ userId: bsuid }));
    expect(await statesByBsuid(bsuid)).toEqual({ offers: "opted_out", tips: "opted_out" });
  });

  it("a number and a BSUID already held by two contacts: a STOP naming both stops both", async () => {
    const bsuid = newBsuid();
    await append(t.db, webOptIn(fx, "+54 9 11 2345-0003", { categories: ["orders", "offers"] }));
    await post(tapsToJoin(fx, { userId: bsuid }));
    const stop = textMessageFrom({ phone: "+5491123450003", userId: bsuid }, "STOP");
    await post(stop);
    expect(await states("+5491123450003")).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect(await statesByBsuid(bsuid)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    // Meta delivers it again: recorded once.
    const events = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from consent_events where workspace_id = ${fx.workspace.id}`);
    await post(stop);
    expect(await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from consent_events where workspace_id = ${fx.workspace.id}`)).toEqual(events);
  });

  it("the outgoing webhook carries whichever identity is known", async () => {
    const bsuid = newBsuid();
    await runWebhookPass(t.db, { retryDelays: [0], allowPrivate: true });
    fx.receiver.received.length = 0;
    // The fixture's endpoint takes opt-outs: one sent while only the BSUID is known, one after the number is linked.
    await post(textMessageFrom({ userId: bsuid }, "STOP tips"));
    await runWebhookPass(t.db, { retryDelays: [0], allowPrivate: true });
    await post(textMessageFrom({ phone: "+5511987600004", userId: bsuid }, "STOP"));
    await runWebhookPass(t.db, { retryDelays: [0], allowPrivate: true });
    const bodies = fx.receiver.received.map((r) => JSON.parse(r.body).data);
    expect(bodies.map((b) => [b.phone, b.userId])).toEqual([
      [null, bsuid],
      ["+5511987600004", bsuid],
    ]);
  });

  it("erasure leaves no plain BSUID, the chains still verify, and the BSUID meets its history again", async () => {
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    await post(userPreferenceFrom({ userId: bsuid }, "stop"));
    const [contact] = await byBsuid(bsuid);
    await erasePersonalData(t.db, { workspaceId: fx.workspace.id, contactId: contact!.id, actor: { userId: null, label: "test" }, reason: "asked" });
    const [erased] = await t.db.select().from(contacts).where(eq(contacts.id, contact!.id));
    expect(erased).toMatchObject({ phone: null, bsuid: null });
    expect(erased!.bsuidDigest).toBe(contact!.bsuidDigest);
    const dump = JSON.stringify(
      await queryRows(t.db, sql`select * from consent_events e left join event_personal_data p on p.event_id = e.id where e.contact_id = ${contact!.id}`),
    );
    expect(dump).not.toContain(bsuid);
    const claims = JSON.stringify(await queryRows(t.db, sql`select * from inbound_messages where workspace_id = ${fx.workspace.id}`));
    expect(claims).not.toContain(bsuid);
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
    await post(textMessageFrom({ userId: bsuid }, "STOP"));
    // The two taps (2), the stop preference (2), the erasure's opt-out of the one category still open (1), STOP (3).
    expect(await chainOf(contact!.id)).toHaveLength(8);
  });

  it("verify() passes for a ledger with events from before BSUIDs and after, and catches a swapped BSUID", async () => {
    const result = await verifyLedger(t.db, { workspaceId: fx.workspace.id });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const [old] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from consent_events where workspace_id = ${fx.workspace.id} and bsuid_digest is null and phone_digest is not null`,
    );
    const [both] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from consent_events where workspace_id = ${fx.workspace.id} and bsuid_digest is not null and phone_digest is not null`,
    );
    const [bsuidOnly] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from consent_events where workspace_id = ${fx.workspace.id} and phone_digest is null`,
    );
    expect([old!.n > 0, both!.n > 0, bsuidOnly!.n > 0]).toEqual([true, true, true]);
    // The plain BSUID beside the chain is checked against what the events committed to.
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    await t.db.update(contacts).set({ bsuid: "BR.someoneelse" }).where(eq(contacts.bsuid, bsuid));
    const tampered = await verifyLedger(t.db, { workspaceId: fx.workspace.id });
    expect(tampered.problems.map((p) => p.kind)).toContain("personal_data_mismatch");
    await t.db.update(contacts).set({ bsuid }).where(eq(contacts.bsuid, "BR.someoneelse"));
  });
});
