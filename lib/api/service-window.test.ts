import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erasePersonalData } from "../contacts/erase";
import { findLastInbound } from "../contacts/timeline.queries";
import { queryRows } from "../db/sql";
import { personalDigest } from "../ledger/canonical";
import { append } from "../ledger/append";
import { callApi, testApiKey } from "../../testing/api-client";
import { createChannelFixture, ledgerCounts, testAppSecret, testTwilioToken, type ChannelFixture } from "../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, testPhone, webOptIn } from "../../testing/fixtures";
import {
  bsuidTextItems,
  failedStatus,
  messagesNotification,
  newBsuid,
  newWamid,
  signedMetaRequest,
  testPhoneNumberId,
  textItems,
  textMessage,
  waId,
} from "../../testing/meta-cloud";
import { signedTwilioRequest, smsParams } from "../../testing/twilio";
import { receiveSmsWebhook } from "../channels/sms/webhook";
import { smsWebhookUrl, whatsappWebhookUrl } from "../channels/settings";
import { receiveWhatsAppWebhook } from "../channels/whatsapp/webhook";
import { checkMany, checkOne } from "./consent-checks";

/**
 * WhatsApp's 24-hour customer-service window: a person who wrote may be answered free-form (kind=session) without
 * an opt-in; a template still needs one. Inbound messages of any kind open the window, with no consent event.
 */
describe.each(testDatabaseKinds())("service window on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let key: string;
  const post = async (payload: unknown) => {
    const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), payload, testAppSecret), {
      sender: async () => undefined,
    });
    expect(response.status).toBe(200);
  };
  const check = (phone: string, checkKind?: string, category = "offers", extra = "") =>
    callApi(t.db, checkOne, {
      key,
      url: `http://t/api/v1/consent-checks?phone=${encodeURIComponent(phone)}&category=${category}${checkKind ? `&kind=${checkKind}` : ""}${extra}`,
    });
  const checkUser = (userId: string, extra = "") =>
    callApi(t.db, checkOne, { key, url: `http://t/api/v1/consent-checks?userId=${encodeURIComponent(userId)}&category=offers&kind=session${extra}` });
  const digest = async (phone: string) => {
    const [ws] = await queryRows<{ ledger_salt: string }>(t.db, sql`select ledger_salt from workspaces where id = ${fx.workspace.id}`);
    return personalDigest(ws!.ledger_salt, "phone", phone)!;
  };
  const windows = async (phone: string) =>
    queryRows<{ business_number: string; last_inbound_at: string }>(
      t.db,
      sql`select business_number, last_inbound_at::text from service_windows where workspace_id = ${fx.workspace.id} and subject_digest = ${await digest(phone)}`,
    );
  const unixSeconds = (msAgo: number) => Math.floor((Date.now() - msAgo) / 1000);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    key = await testApiKey(t.db, fx.workspace.id);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  it("a number that wrote hello an hour ago may get a session message, not a template, and no consent was recorded", async () => {
    const phone = testPhone(7101);
    const before = await ledgerCounts(t.db, fx.workspace.id);
    // One reading of the clock: a second reading could fall in the next second and expect another closing time.
    const wroteAt = unixSeconds(3600_000);
    const { contact, message } = textItems(phone, "hello", { timestamp: wroteAt });
    await post(messagesNotification({ contacts: [contact], messages: [message] }));
    // The message is claimed (inbound), but it is no consent: no command, no event, nothing sent out.
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual({ ...before, inbound: before.inbound + 1 });
    const rows = await windows(phone);
    expect(rows).toHaveLength(1);
    // Only the digest is kept, never the number.
    expect(JSON.stringify(await queryRows(t.db, sql`select * from service_windows`))).not.toContain(waId(phone));

    const session = (await check(phone, "session")).json;
    expect(session).toMatchObject({ allowed: true, reason: "in_service_window", rule: "service_window", kind: "session", event: null });
    const closes = Date.parse(session.windowClosesAt);
    expect(closes).toBe(wroteAt * 1000 + 24 * 3600_000);
    // A template needs an opt-in, as before; kind defaults to template.
    expect((await check(phone, "template")).json).toMatchObject({ allowed: false, reason: "never_opted_in", rule: "category_consent", kind: "template" });
    expect((await check(phone)).json).toMatchObject({ allowed: false, reason: "never_opted_in", kind: "template" });
    expect((await check(phone)).json).not.toHaveProperty("windowClosesAt");
  });

  it("a number that never wrote is refused both kinds", async () => {
    const phone = testPhone(7102);
    expect((await check(phone, "session")).json).toMatchObject({
      allowed: false,
      reason: "service_window_closed",
      rule: "service_window",
      windowClosesAt: null,
    });
    expect((await check(phone, "template")).json).toMatchObject({ allowed: false, reason: "never_opted_in" });
  });

  it("an opt-out of the category beats an open window", async () => {
    const phone = testPhone(7103);
    await append(t.db, apiOptOut(fx, phone, ["offers"]));
    await post(textMessage(phone, "what are your opening hours?"));
    expect((await check(phone, "session")).json).toMatchObject({ allowed: false, reason: "opted_out", rule: "category_consent", event: { action: "opt_out" } });
    // Another category the person did not opt out of: the window decides.
    expect((await check(phone, "session", "tips")).json).toMatchObject({ allowed: true, reason: "in_service_window" });
  });

  it("after 24 hours the window is closed; a later message reopens it and an older redelivery never moves it back", async () => {
    const phone = testPhone(7104);
    const { contact, message } = textItems(phone, "hi", { timestamp: unixSeconds(25 * 3600_000) });
    await post(messagesNotification({ contacts: [contact], messages: [message] }));
    const closed = (await check(phone, "session")).json;
    expect(closed).toMatchObject({ allowed: false, reason: "service_window_closed", rule: "service_window" });
    expect(Date.parse(closed.windowClosesAt)).toBeLessThan(Date.now());

    await post(textMessage(phone, "still there?"));
    expect((await check(phone, "session")).json).toMatchObject({ allowed: true, reason: "in_service_window" });
    const open = await windows(phone);
    const older = textItems(phone, "late", { id: newWamid(), timestamp: unixSeconds(30 * 3600_000) });
    await post(messagesNotification({ contacts: [older.contact], messages: [older.message] }));
    expect(await windows(phone)).toEqual(open);
  });

  it("media, location and contacts messages open the window; statuses do not", async () => {
    const phones = [testPhone(7105), testPhone(7106), testPhone(7107)];
    const base = (phone: string) => ({ from: waId(phone), id: newWamid(), timestamp: String(unixSeconds(0)) });
    await post(
      messagesNotification({
        contacts: phones.map((p) => ({ profile: { name: "P" }, wa_id: waId(p) })),
        messages: [
          { ...base(phones[0]!), type: "image", image: { id: "1234", mime_type: "image/jpeg", sha256: "abc" } },
          { ...base(phones[1]!), type: "location", location: { latitude: 52.5, longitude: 13.4 } },
          { ...base(phones[2]!), type: "contacts", contacts: [{ name: { formatted_name: "Someone" }, phones: [{ phone: "+12015550199" }] }] },
        ],
      }),
    );
    for (const phone of phones) expect((await check(phone, "session")).json, phone).toMatchObject({ allowed: true, reason: "in_service_window" });
    const recipient = testPhone(7108);
    await post(failedStatus(recipient, 131026));
    const delivered = { id: newWamid(), status: "delivered", timestamp: String(unixSeconds(0)), recipient_id: waId(recipient) };
    await post(messagesNotification({ statuses: [delivered, { ...delivered, status: "read" }] }));
    expect(await windows(recipient)).toEqual([]);
  });

  it("WhatsApp through Twilio opens the window for the Twilio number", async () => {
    const phone = testPhone(7109);
    const params = { ...smsParams(`whatsapp:${phone}`, "hello"), To: "whatsapp:+14155238886", WaId: waId(phone) };
    const response = await receiveSmsWebhook(t.db, fx.workspace.slug, signedTwilioRequest(smsWebhookUrl(fx.workspace.slug), params, testTwilioToken));
    expect(response.status).toBe(200);
    expect(await windows(phone)).toMatchObject([{ business_number: "+14155238886" }]);
    expect((await check(phone, "session")).json).toMatchObject({ allowed: true, reason: "in_service_window" });
  });

  it("bulk results say the rule that decided each", async () => {
    const open = testPhone(7101);
    const optedOut = testPhone(7103);
    const never = testPhone(7110);
    const bulk = (body: unknown) => callApi(t.db, checkMany, { key, url: "http://t/api/v1/consent-checks", method: "POST", body });
    const session = (await bulk({ phones: [open, optedOut, never, "nonsense"], category: "offers", kind: "session" })).json;
    expect(session.kind).toBe("session");
    expect(session.results).toMatchObject([
      { phone: open, allowed: true, reason: "in_service_window", rule: "service_window" },
      { phone: optedOut, allowed: false, reason: "opted_out", rule: "category_consent" },
      { phone: never, allowed: false, reason: "service_window_closed", rule: "service_window", windowClosesAt: null },
      { phone: "nonsense", allowed: false, reason: "invalid_phone", rule: "category_consent" },
    ]);
    const template = (await bulk({ phones: [open, optedOut], category: "offers" })).json;
    expect(template).toMatchObject({
      kind: "template",
      results: [
        { phone: open, allowed: false, reason: "never_opted_in", rule: "category_consent" },
        { phone: optedOut, allowed: false, reason: "opted_out", rule: "category_consent" },
      ],
    });
    expect((await bulk({ phones: [open], category: "offers", kind: "whenever" })).status).toBe(422);
  });

  it("the contact timeline shows the last inbound time; erasing the contact removes its window rows", async () => {
    const phone = testPhone(7103);
    expect(await windows(phone)).toHaveLength(1);
    const [contact] = await queryRows<{ id: string }>(
      t.db,
      sql`select id from contacts where workspace_id = ${fx.workspace.id} and phone_digest = ${await digest(phone)}`,
    );
    // The contact's page shows when they last wrote, and that the window is open.
    const last = await findLastInbound(t.db, fx.workspace.id, contact!.id);
    expect(last).toMatchObject({ open: true });
    expect(last!.windowClosesAt.getTime() - last!.at.getTime()).toBe(24 * 3600_000);
    expect(Date.now() - last!.at.getTime()).toBeLessThan(24 * 3600_000);
    await erasePersonalData(t.db, { workspaceId: fx.workspace.id, contactId: contact!.id, actor: { userId: null, label: "test" }, reason: "request" });
    expect(await windows(phone)).toEqual([]);
    expect(await findLastInbound(t.db, fx.workspace.id, contact!.id)).toBeNull();
    // Another person's window stays.
    expect(await windows(testPhone(7101))).toHaveLength(1);
  });

  it("a window is per business number when the sender names the number it will send from", async () => {
    const phone = testPhone(7120);
    // One message through Twilio's WhatsApp number; none to the Cloud API number.
    const params = { ...smsParams(`whatsapp:${phone}`, "hi"), To: "whatsapp:+14155238886", WaId: waId(phone) };
    expect((await receiveSmsWebhook(t.db, fx.workspace.slug, signedTwilioRequest(smsWebhookUrl(fx.workspace.slug), params, testTwilioToken))).status).toBe(200);
    const from = (n: string) => `&businessNumber=${encodeURIComponent(n)}`;
    expect((await check(phone, "session", "offers", from("+14155238886"))).json).toMatchObject({
      allowed: true,
      reason: "in_service_window",
      businessNumber: "+14155238886",
    });
    expect((await check(phone, "session", "offers", from(testPhoneNumberId))).json).toMatchObject({
      allowed: false,
      reason: "service_window_closed",
      windowClosesAt: null,
    });
    // Without the number, a message to any of the workspace's numbers counts, as before.
    expect((await check(phone, "session")).json).toMatchObject({ allowed: true });
    // The bulk check takes it too, and echoes it.
    const bulk = (body: unknown) => callApi(t.db, checkMany, { key, url: "http://t/api/v1/consent-checks", method: "POST", body });
    expect((await bulk({ phones: [phone], category: "offers", kind: "session", businessNumber: testPhoneNumberId })).json).toMatchObject({
      businessNumber: testPhoneNumberId,
      results: [{ phone, allowed: false, reason: "service_window_closed" }],
    });
    // A number that is neither an ID nor E.164, or a number on a template check, is a field error.
    for (const [extra, checkKind] of [
      [from("call me"), "session"],
      [from("+14155238886"), "template"],
    ] as const) {
      const refused = await check(phone, checkKind, "offers", extra);
      expect(refused.status, extra).toBe(422);
      expect(refused.json.errors, extra).toEqual(expect.arrayContaining([expect.objectContaining({ field: "businessNumber" })]));
    }
  });

  it("a person known by number and BSUID opened one window, whichever identifier wrote and whichever is asked about", async () => {
    const phone = testPhone(7130);
    const userId = newBsuid();
    // The business knows them by both (an opt-in that named both) ...
    await append(t.db, { ...webOptIn(fx, phone, { categories: ["tips"] }), bsuid: userId });
    // ... and they write as a username user: Meta sends only the BSUID.
    const { contact, message } = bsuidTextItems(userId, "any news?");
    await post(messagesNotification({ contacts: [contact], messages: [message] }));
    expect(await windows(phone)).toEqual([]);
    expect((await check(phone, "session")).json).toMatchObject({ allowed: true, reason: "in_service_window", phone });
    expect((await checkUser(userId)).json).toMatchObject({ allowed: true, reason: "in_service_window", userId });
    const bulk = await callApi(t.db, checkMany, {
      key,
      url: "http://t/api/v1/consent-checks",
      method: "POST",
      body: { phones: [phone, testPhone(7131)], userIds: [userId], category: "offers", kind: "session" },
    });
    expect(bulk.json.results).toMatchObject([
      { phone, allowed: true, reason: "in_service_window" },
      { allowed: false, reason: "service_window_closed" },
      { userId, allowed: true, reason: "in_service_window" },
    ]);
    // And the other way: a number-only message is found by the BSUID asked about.
    const other = testPhone(7132);
    const otherUser = newBsuid();
    await append(t.db, { ...webOptIn(fx, other, { categories: ["tips"] }), bsuid: otherUser });
    await post(textMessage(other, "hello"));
    expect((await checkUser(otherUser)).json).toMatchObject({ allowed: true, reason: "in_service_window" });
  });
});
