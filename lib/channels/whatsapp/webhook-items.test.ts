import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../../handlers/workspace-action";
import { contacts, consentEvents } from "../../db/schema/ledger";
import { inboundDeadLetters } from "../../db/schema/channels";
import { erasePersonalData } from "../../contacts/erasure/erase";
import { personalDigest } from "../../ledger/canonical";
import { append } from "../../ledger/append";
import { queryRows } from "../../db/sql";
import {
  createChannelFixture,
  joinChoices,
  ledgerCounts,
  statesOf,
  statesOfBsuid,
  tapsToJoin,
  testAppSecret,
  type ChannelFixture,
} from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone, webOptIn } from "../../../testing/fixtures";
import {
  bsuidFailedStatusItem,
  bsuidTextItems,
  bsuidUserPreference,
  combinedNotification,
  failedStatus,
  messagesNotification,
  newBsuid,
  newWamid,
  signedMetaRequest,
  textItems,
  userPreference,
  waId,
  choiceTapItems,
} from "../../../testing/meta-cloud";
import { signedInMember, testMeta } from "../../../testing/staff";
import { retryInboundDeadLetter } from "../dead-letters/actions";
import { openRaw } from "../dead-letters/store";
import { whatsappWebhookUrl } from "../settings";
import type { WhatsAppReply } from "./sender";
import { receiveWhatsAppWebhook } from "./webhook";

/**
 * Meta batches: one notification can hold several messages, statuses and preferences from several people, in
 * Meta's documented shapes including the business-scoped user id (BSUID) ones. Each is read and recorded on its
 * own; what cannot be read or recorded is kept as a dead letter, never dropped.
 */
describe.each(testDatabaseKinds())("WhatsApp webhook, item by item, on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 2000;
  const sent: WhatsAppReply[] = [];
  const post = async (payload: unknown) => {
    const request = signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), payload, testAppSecret);
    const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, request, { sender: async (r) => void sent.push(r) });
    await new Promise((r) => setImmediate(r));
    return response;
  };
  const states = (phone: string) => statesOf(t.db, fx.workspace.id, phone);
  const bsuidStates = (bsuid: string) => statesOfBsuid(t.db, fx.workspace.id, bsuid);
  const bsuidContacts = (bsuid: string) =>
    t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, fx.workspace.id), eq(contacts.bsuid, bsuid)));
  const deadLetters = () => t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.workspaceId, fx.workspace.id));
  const newDeadLetters = async <T>(run: () => Promise<T>) => {
    const before = new Set((await deadLetters()).map((d) => d.id));
    await run();
    return (await deadLetters()).filter((d) => !before.has(d.id));
  };
  const salt = async () =>
    (await queryRows<{ ledger_salt: string }>(t.db, sql`select ledger_salt from workspaces where id = ${fx.workspace.id}`))[0]!.ledger_salt;
  // A real fault on the database side while an item is recorded: a trigger that refuses its claim.
  const refuseClaim = async (messageId: string) => {
    await t.db.execute(sql.raw(`create function test_refuse_claim() returns trigger language plpgsql as $$ begin raise exception 'simulated outage'; end $$`));
    await t.db.execute(
      sql.raw(
        `create trigger test_refuse_claim before insert on inbound_messages for each row when (new.message_id = '${messageId}') execute function test_refuse_claim()`,
      ),
    );
  };
  const allowClaims = async () => {
    await t.db.execute(sql.raw(`drop trigger test_refuse_claim on inbound_messages`));
    await t.db.execute(sql.raw(`drop function test_refuse_claim()`));
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  // The bug: the BSUID message failed the change's one schema, and the STOP beside it was dropped with it.
  it("a notification mixing an unreadable item, a username user's STOP and a normal STOP records both STOPs", async () => {
    const phone = testPhone(++n);
    await post(tapsToJoin(fx, phone));
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    expect(await bsuidStates(bsuid)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    const username = bsuidTextItems(bsuid, "STOP");
    const normal = textItems(phone, "STOP");
    const other = testPhone(++n);
    const broken = { from: waId(other), timestamp: "1700000000", type: "text", text: { body: "STOP" } }; // no id
    sent.length = 0;
    const added = await newDeadLetters(async () => {
      const response = await post(messagesNotification({ contacts: [username.contact, normal.contact], messages: [username.message, broken, normal.message] }));
      expect(response.status).toBe(200);
    });
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    // The username user's STOP lands on the one contact known by that BSUID (no number), and is answered there.
    expect(await bsuidStates(bsuid)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect(await bsuidContacts(bsuid)).toMatchObject([{ phone: null, phoneDigest: null, bsuidDigest: personalDigest(await salt(), "bsuid", bsuid) }]);
    expect(sent.filter((r) => r.recipient === bsuid && r.to === undefined)).toHaveLength(1);
    expect(sent.filter((r) => r.to === waId(phone))).toHaveLength(1);
    expect(added.map((d) => [d.kind, d.reasonCode])).toEqual([["message", "unreadable"]]);
    const [unreadable] = added;
    expect(unreadable).toMatchObject({ channel: "whatsapp", providerItemId: null, bsuidDigest: null, phoneDigest: expect.any(String) });
    expect(unreadable!.reason).toMatch(/^Cannot read this message \(id: /);
    // The raw item is sealed at rest, and opens to a notification holding only that item: not its neighbours.
    expect(unreadable!.rawSealed).not.toContain(waId(other));
    const opened = JSON.parse(openRaw(unreadable!.rawSealed!));
    expect(opened).toMatchObject({ object: "whatsapp_business_account", entry: [{ changes: [{ field: "messages", value: { messages: [broken] } }] }] });
    expect(JSON.stringify(opened)).not.toContain(waId(phone));
    expect(JSON.stringify(opened)).not.toContain(bsuid);
  });

  it("reads numeric timestamps (and numeric-string error codes) on messages, statuses and preferences", async () => {
    const phone = testPhone(++n);
    const taps = joinChoices(fx).map((c) => {
      const items = choiceTapItems({ phone }, c.id, c.title);
      return { ...items, message: { ...items.message, timestamp: 1_700_000_000 } };
    });
    const join = taps[0]!;
    await post(messagesNotification({ contacts: [join.contact], messages: taps.map((i) => i.message) }));
    expect(await states(phone)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    const [event] = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), sql`${consentEvents.evidence}->>'messageId' = ${join.message.id}`));
    expect(event?.occurredAt.toISOString()).toBe("2023-11-14T22:13:20.000Z");

    const status = failedStatus(phone) as ReturnType<typeof failedStatus> & { entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[] };
    Object.assign(status.entry[0]!.changes[0]!.value.statuses[0]!, { timestamp: 1_700_000_100, errors: [{ code: "131050" }] });
    await post(status);
    expect(await states(phone)).toEqual({ offers: "opted_out", tips: "opted_out" });
    const [stopped] = await t.db
      .select()
      .from(consentEvents)
      .where(
        and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.action, "opt_out"), eq(consentEvents.occurredAt, new Date(1_700_000_100_000))),
      );
    expect(stopped?.evidence).toMatchObject({ kind: "message_status" });

    // Preferences: Meta's sample gives a number, its reference a string of seconds; either is read.
    const other = testPhone(++n);
    await post(tapsToJoin(fx, other));
    await post(userPreference(other, "stop", "1700000200" as unknown as number));
    expect(await states(other)).toEqual({ offers: "opted_out", tips: "opted_out" });
    await post(userPreference(other, "resume", 1_700_000_300));
    expect(await states(other)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
  });

  it("a 131050 status and a preference that name only a BSUID opt out the contact known by that BSUID", async () => {
    const [byStatus, byPreference] = [newBsuid(), newBsuid()];
    for (const bsuid of [byStatus, byPreference]) {
      await post(tapsToJoin(fx, { userId: bsuid }));
      expect(await bsuidStates(bsuid)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    }
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const added = await newDeadLetters(async () => {
      await post(messagesNotification({ statuses: [bsuidFailedStatusItem(byStatus)] }));
      await post(bsuidUserPreference(byPreference, "stop", 1_700_000_300));
    });
    expect(added).toEqual([]);
    expect(await bsuidStates(byStatus)).toEqual({ offers: "opted_out", tips: "opted_out" });
    expect(await bsuidStates(byPreference)).toEqual({ offers: "opted_out", tips: "opted_out" });
    const after = await ledgerCounts(t.db, fx.workspace.id);
    expect(after.commands - before.commands).toBe(2);
    expect(after.inbound - before.inbound).toBe(2);
    // Both stay the one contact their JOIN made: nothing new was created for a bare BSUID.
    expect((await bsuidContacts(byStatus)).length + (await bsuidContacts(byPreference)).length).toBe(2);
    // The preference's claim holds the BSUID only as its SHA-256, so erasure has no plain BSUID to hunt for.
    const claims = await queryRows<{ message_id: string }>(
      t.db,
      sql`select message_id from inbound_messages where workspace_id = ${fx.workspace.id} and message_id like 'pref:%'`,
    );
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.map((c) => c.message_id).join(" ")).not.toContain(byPreference);
  });

  it("a redelivered unreadable item is one dead letter, counted again; other notification parts go on", async () => {
    const phone = testPhone(++n);
    const stop = textItems(phone, "STOP");
    const body = combinedNotification(
      { entry: [{ id: "102290129340398", changes: "not a list" }] },
      messagesNotification({ contacts: [stop.contact], messages: [stop.message] }),
      messagesNotification({ statuses: [{ id: newWamid(), status: "failed", errors: [{ code: 131050 }] }] }),
    );
    await append(t.db, webOptIn(fx, phone, { categories: ["orders"] }));
    const first = await newDeadLetters(() => post(body));
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect(first.map((d) => [d.kind, d.reasonCode]).sort()).toEqual([
      ["entry", "unreadable"],
      ["status", "unreadable"],
    ]);
    expect(first.find((d) => d.kind === "status")!.reason).toMatch(/names no sender/);
    expect(await newDeadLetters(() => post(body))).toEqual([]);
    expect((await deadLetters()).filter((d) => first.some((f) => f.id === d.id)).map((d) => d.attempts)).toEqual([2, 2]);
  });

  it("a signed body that is not a notification is kept as one dead letter", async () => {
    const added = await newDeadLetters(() => post("{not json"));
    expect(added).toMatchObject([{ kind: "notification", reasonCode: "unreadable", reason: "The body is not JSON." }]);
    expect(openRaw(added[0]!.rawSealed!)).toBe("{not json");
  });

  it("an item whose handling throws is dead-lettered with the error, and the others are recorded", async () => {
    const phone = testPhone(++n);
    const good = joinChoices(fx).map((c) => choiceTapItems({ phone }, c.id, c.title));
    // "0" is no phone number and there is no BSUID: recording it is refused (not ignored, as it once was).
    const bad = textItems("+0", "STOP");
    const added = await newDeadLetters(() =>
      post(messagesNotification({ contacts: [good[0]!.contact, bad.contact], messages: [bad.message, ...good.map((g) => g.message)] })),
    );
    expect(await states(phone)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    expect(added).toMatchObject([{ kind: "message", reasonCode: "handler_error", providerItemId: bad.message.id, phoneDigest: null, bsuidDigest: null }]);
    expect(added[0]!.reason).toBe(
      `Recording it was refused: The message ${bad.message.id} names no one the ledger can record: the wa_id is not a usable phone number.`,
    );
    // Rolled back with its claim, so a Retry can run it again.
    expect(await queryRows(t.db, sql`select 1 from inbound_messages where workspace_id = ${fx.workspace.id} and message_id = ${bad.message.id}`)).toEqual([]);
  });

  it("a 131050 status and a preference whose ids are all unusable are dead-lettered, not ignored", async () => {
    const status = { ...bsuidFailedStatusItem("not a bsuid"), recipient_id: "0" };
    const preference = bsuidUserPreference("not a bsuid", "stop", 1_700_000_400);
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const added = await newDeadLetters(async () => {
      await post(messagesNotification({ statuses: [status] }));
      await post(preference);
    });
    expect(added.map((d) => [d.kind, d.reasonCode, d.reason]).sort()).toEqual([
      [
        "status",
        "handler_error",
        `Recording it was refused: The status ${status.id} names no one the ledger can record: the wa_id is not a usable phone number and the user_id is not a business-scoped user ID.`,
      ],
      [
        "user_preference",
        "handler_error",
        "Recording it was refused: The user preference names no one the ledger can record: the user_id is not a business-scoped user ID.",
      ],
    ]);
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
  });

  it("erasing a contact deletes the content of the dead letters from their number", async () => {
    const phone = testPhone(++n);
    const receipt = await append(t.db, webOptIn(fx, phone, { categories: ["orders"] }));
    const other = testPhone(++n);
    const unreadable = (from: string) => ({ from: waId(from), timestamp: "1700000000", type: "text", text: { body: "STOP" } });
    const added = await newDeadLetters(() => post(messagesNotification({ messages: [unreadable(phone), { ...unreadable(other), text: { body: "BAJA" } }] })));
    const [contact] = await t.db.select({ phoneDigest: contacts.phoneDigest }).from(contacts).where(eq(contacts.id, receipt.contactId));
    const mine = added.find((d) => d.phoneDigest === contact!.phoneDigest)!;
    expect(mine.rawSealed).not.toBeNull();
    await erasePersonalData(t.db, {
      workspaceId: fx.workspace.id,
      contactId: receipt.contactId,
      actor: { userId: null, label: "test" },
      reason: "Asked by email",
    });
    const after = await deadLetters();
    expect(after.find((d) => d.id === mine.id)).toMatchObject({ rawSealed: null, erasedAt: expect.any(Date) });
    expect(after.find((d) => d.id !== mine.id && added.some((a) => a.id === d.id))!.rawSealed).not.toBeNull();
  });

  it("erasing a contact known only by its BSUID deletes the content of the dead letters from that BSUID", async () => {
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    const [contact] = await bsuidContacts(bsuid);
    const { id: _, ...noId } = bsuidTextItems(bsuid, "STOP").message;
    const stranger = bsuidTextItems(newBsuid(), "STOP");
    const added = await newDeadLetters(() => post(messagesNotification({ messages: [noId, { ...stranger.message, id: undefined }] })));
    const digest = personalDigest(await salt(), "bsuid", bsuid);
    const mine = added.find((d) => d.bsuidDigest === digest);
    expect(mine).toMatchObject({ reasonCode: "unreadable", phoneDigest: null, rawSealed: expect.any(String) });
    await erasePersonalData(t.db, { workspaceId: fx.workspace.id, contactId: contact!.id, actor: { userId: null, label: "test" }, reason: "Asked by email" });
    const after = await deadLetters();
    expect(after.find((d) => d.id === mine!.id)).toMatchObject({ rawSealed: null, erasedAt: expect.any(Date) });
    expect(after.find((d) => d.id !== mine!.id && added.some((a) => a.id === d.id))!.rawSealed).not.toBeNull();
  });

  // A STOP goes through group commit with its claim (batched-stop.ts): the ledger's key keeps a redelivery from
  // recording twice, and a delivery that gets the first one's receipt back is not answered again.
  it("a STOP delivered twice, one after the other and at once, is one command, one open window and one reply", async () => {
    const phone = testPhone(++n);
    await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers"] }));
    const once = textItems(phone, "STOP");
    const twice = textItems(phone, "STOP");
    const before = await ledgerCounts(t.db, fx.workspace.id);
    sent.length = 0;
    await post(messagesNotification({ contacts: [once.contact], messages: [once.message] }));
    await post(messagesNotification({ contacts: [once.contact], messages: [once.message] }));
    await Promise.all([1, 2, 3].map(() => post(messagesNotification({ contacts: [twice.contact], messages: [twice.message] }))));
    const after = await ledgerCounts(t.db, fx.workspace.id);
    expect(after.commands - before.commands).toBe(2);
    expect(after.inbound - before.inbound).toBe(2);
    expect(sent.filter((r) => r.to === waId(phone))).toHaveLength(2);
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    const windows = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from service_windows where workspace_id = ${fx.workspace.id} and subject_digest = ${personalDigest(await salt(), "phone", phone)}`,
    );
    expect(windows[0]!.n).toBe(1);

    // Different messages from the one person at once: batched together, their windows are the same row, which
    // one statement cannot upsert twice; the batch is then written command by command, and none is lost.
    const stops = [1, 2, 3, 4].map(() => textItems(phone, "STOP"));
    sent.length = 0;
    await Promise.all(stops.map((s) => post(messagesNotification({ contacts: [s.contact], messages: [s.message] }))));
    expect((await ledgerCounts(t.db, fx.workspace.id)).commands - after.commands).toBe(4);
    expect(sent.filter((r) => r.to === waId(phone))).toHaveLength(4);
  });

  it("Retry in the dashboard records a fixed item once, resolves it, and keeps one that still fails", async () => {
    const compliance = await signedInMember(t.db, fx.workspace.id, "compliance");
    const retry = (deadLetterId: string, session = compliance, slug = fx.workspace.slug) =>
      runWorkspaceAction(retryInboundDeadLetter, t.db, session, testMeta, { workspace: slug, deadLetterId });
    const phone = testPhone(++n);
    await post(tapsToJoin(fx, phone));
    const stop = textItems(phone, "STOP");
    await refuseClaim(stop.message.id);
    const [dead] = await newDeadLetters(() => post(messagesNotification({ contacts: [stop.contact], messages: [stop.message] })));
    expect(dead).toMatchObject({ reasonCode: "handler_error", attempts: 1, resolvedAt: null });
    expect(await states(phone)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });

    // Still broken: kept, with the attempt counted.
    expect(await retry(dead!.id)).toMatchObject({ ok: true, message: expect.stringMatching(/^Still not recorded: Recording it failed on our side/) });
    await allowClaims();
    // Another workspace's member, or a viewer, cannot run it.
    const stranger = await signedInMember(t.db, (await createChannelFixture(t.db)).workspace.id, "owner");
    expect(await retry(dead!.id, stranger)).toMatchObject({ ok: false, code: "not_found" });
    expect(await retry(dead!.id, await signedInMember(t.db, fx.workspace.id, "viewer"))).toMatchObject({ ok: false, code: "forbidden" });

    const before = await ledgerCounts(t.db, fx.workspace.id);
    expect(await retry(dead!.id)).toMatchObject({ ok: true, message: expect.stringMatching(/^Recorded/) });
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    const after = await ledgerCounts(t.db, fx.workspace.id);
    expect(after.commands - before.commands).toBe(1);
    const [row] = await t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.id, dead!.id));
    expect(row).toMatchObject({ attempts: 3, resolvedAt: expect.any(Date), retriedAt: expect.any(Date) });
    // Once more: nothing runs again, nothing is recorded twice.
    expect(await retry(dead!.id)).toMatchObject({ ok: true, message: expect.stringMatching(/^Already resolved/) });
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(after);
  });

  it("Retry of an item Meta's redelivery already recorded resolves it without recording it twice", async () => {
    const compliance = await signedInMember(t.db, fx.workspace.id, "compliance");
    const phone = testPhone(++n);
    await append(t.db, webOptIn(fx, phone, { categories: ["orders"] }));
    const stop = textItems(phone, "STOP");
    await refuseClaim(stop.message.id);
    const [dead] = await newDeadLetters(() => post(messagesNotification({ contacts: [stop.contact], messages: [stop.message] })));
    await allowClaims();
    await post(messagesNotification({ contacts: [stop.contact], messages: [stop.message] }));
    const recorded = await ledgerCounts(t.db, fx.workspace.id);
    const result = await runWorkspaceAction(retryInboundDeadLetter, t.db, compliance, testMeta, { workspace: fx.workspace.slug, deadLetterId: dead!.id });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^Recorded/) });
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(recorded);
  });

  it("Retry of a username user's STOP that failed on our side records it on the contact known by its BSUID", async () => {
    const compliance = await signedInMember(t.db, fx.workspace.id, "compliance");
    const bsuid = newBsuid();
    await post(tapsToJoin(fx, { userId: bsuid }));
    const items = bsuidTextItems(bsuid, "STOP");
    await refuseClaim(items.message.id);
    const [dead] = await newDeadLetters(() => post(messagesNotification({ contacts: [items.contact], messages: [items.message] })));
    await allowClaims();
    // Kept under the BSUID's digest (there is no number), so erasing that contact finds it.
    expect(dead).toMatchObject({ reasonCode: "handler_error", phoneDigest: null, bsuidDigest: personalDigest(await salt(), "bsuid", bsuid), resolvedAt: null });
    expect(await bsuidStates(bsuid)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const result = await runWorkspaceAction(retryInboundDeadLetter, t.db, compliance, testMeta, { workspace: fx.workspace.slug, deadLetterId: dead!.id });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^Recorded/) });
    expect(await bsuidStates(bsuid)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect(await bsuidContacts(bsuid)).toHaveLength(1);
    expect((await ledgerCounts(t.db, fx.workspace.id)).commands - before.commands).toBe(1);
    const [row] = await t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.id, dead!.id));
    expect(row).toMatchObject({ attempts: 2, resolvedAt: expect.any(Date) });
  });
});
