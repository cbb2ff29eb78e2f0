import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentEvents } from "../../db/schema/ledger";
import {
  createChannelFixture,
  expectOneOptOutDelivered,
  keywordForm,
  ledgerCounts,
  statesOf,
  testTwilioToken,
  type ChannelFixture,
} from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone } from "../../../testing/fixtures";
import { signedTwilioRequest, smsParams } from "../../../testing/twilio";
import { smsWebhookUrl } from "../settings";
import { receiveSmsWebhook } from "./webhook";

describe.each(testDatabaseKinds())("SMS webhook on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 300;
  const publicUrl = () => smsWebhookUrl(fx.workspace.slug);
  const send = (params: Record<string, string>, options?: Parameters<typeof signedTwilioRequest>[3]) =>
    receiveSmsWebhook(t.db, fx.workspace.slug, signedTwilioRequest(publicUrl(), params, testTwilioToken, options));
  const states = (phone: string) => statesOf(t.db, fx.workspace.id, phone);
  /** The keyword, then both numbers its reply offers. */
  const joinBoth = async (phone: string) => {
    await send(smsParams(phone, "OFFERS"));
    await send(smsParams(phone, "1 2"));
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  it("refuses a bad signature with 403 and records nothing", async () => {
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const params = smsParams(testPhone(++n), "STOP");
    expect((await send(params, { signature: "bm90IGEgc2lnbmF0dXJl" })).status).toBe(403);
    const otherToken = signedTwilioRequest(publicUrl(), params, "someone-elses-token");
    expect((await receiveSmsWebhook(t.db, fx.workspace.slug, otherToken)).status).toBe(403);
    // Signed for the address a forged Host header would suggest, not the public one: refused.
    const hostUrl = `http://evil.example/api/webhooks/sms/${fx.workspace.slug}`;
    expect((await receiveSmsWebhook(t.db, fx.workspace.slug, signedTwilioRequest(hostUrl, params, testTwilioToken))).status).toBe(403);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(before);
  });

  it("checks the signature against the public URL even when the request lands on an internal address", async () => {
    const phone = testPhone(++n);
    const response = await send(smsParams(phone, "HELP"), { requestUrl: `http://10.0.0.5:3000/api/webhooks/sms/${fx.workspace.slug}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/xml/);
    const xml = await response.text();
    expect(xml).toMatch(/<Response><Message>Test Shop: reply STOP.*OFFERS.*<\/Message><\/Response>$/);
  });

  it("a keyword with two categories records nothing and asks by number in TwiML; '2' records exactly the second", async () => {
    const phone = testPhone(++n);
    const params = smsParams(phone, "offers");
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const xml = await (await send(params)).text();
    expect(xml).toContain("<Message>Yes &amp; please: send me &lt;offers&gt; from Test Shop by text.");
    expect(xml).toContain("Reply 1 for Offers, 2 for Tips (or several, e.g. 1 2).");
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
    expect(await states(phone)).toEqual({});

    const two = smsParams(phone, "2");
    expect(await (await send(two)).text()).toContain("<Message>Test Shop: you will get &quot;Tips&quot; messages on WhatsApp.");
    expect(await states(phone)).toEqual({ tips: "opted_in:single" });
    const events = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.formVersionId, fx.smsForm.id)));
    expect(events.at(-1)).toMatchObject({
      channel: "sms",
      language: "en",
      evidence: {
        messageId: two.MessageSid,
        keyword: "2",
        provider: "twilio",
        reply: "answered",
        askedIn: params.MessageSid,
        wordingSha256: createHash("sha256").update(fx.smsForm.content.languages.en!.consent.tips!).digest("hex"),
      },
    });

    // Twilio retries the same MessageSid: nothing more is written.
    const again = await ledgerCounts(t.db, fx.workspace.id);
    expect(await (await send(two)).text()).toMatch(/<Response\/>$/);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(again);
    // A number the question did not offer records nothing and is answered with the question again.
    expect(await (await send(smsParams(phone, "5"))).text()).toContain("Reply 1 for Offers, 2 for Tips");
    expect(await ledgerCounts(t.db, fx.workspace.id)).toMatchObject({ events: again.events });
    // Several at once: each its own opt-in.
    expect(await (await send(smsParams(phone, "1, 2"))).text()).toContain("&quot;Offers&quot;, &quot;Tips&quot;");
    expect(await states(phone)).toEqual({ offers: "opted_in:single", tips: "opted_in:single" });
    expect((await ledgerCounts(t.db, fx.workspace.id)).commands - again.commands).toBe(2);
  });

  it("STOP drops the pending question: a number sent after it records nothing", async () => {
    const phone = testPhone(++n);
    expect(await (await send(smsParams(phone, "offers"))).text()).toContain("Reply 1 for Offers, 2 for Tips");
    await send(smsParams(phone, "STOP"));
    const before = await ledgerCounts(t.db, fx.workspace.id);
    expect(await (await send(smsParams(phone, "1"))).text()).toMatch(/<Response\/>$/);
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
    expect(Object.values(await states(phone))).not.toContain("opted_in:single");
  });

  it("a number with no question pending is no command, and a single-category keyword opts in as it always did", async () => {
    const phone = testPhone(++n);
    const before = await ledgerCounts(t.db, fx.workspace.id);
    expect(await (await send(smsParams(phone, "2"))).text()).toMatch(/<Response\/>$/);
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);

    const solo = await keywordForm(t.db, fx, "sms", "TIPSONLY", ["tips"]);
    const params = smsParams(phone, "tipsonly");
    const xml = await (await send(params)).text();
    expect(xml).not.toContain("Reply 1");
    expect(await states(phone)).toEqual({ tips: "opted_in:single" });
    const [event] = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.formVersionId, solo.id)));
    expect(event).toMatchObject({ channel: "sms", evidence: { messageId: params.MessageSid, keyword: "TIPSONLY", provider: "twilio", reply: "twiml" } });
    // No question was asked, so a number after it is still no command.
    expect(await (await send(smsParams(phone, "1"))).text()).toMatch(/<Response\/>$/);
  });

  it("STOP opts out of every category in one command, delivered once after two failures; START undoes only that", async () => {
    const phone = testPhone(++n);
    await joinBoth(phone);
    const data = await expectOneOptOutDelivered(t.db, fx, ["orders", "offers", "tips"], async () => {
      expect(await (await send(smsParams(phone, " stopall "))).text()).toMatch(/unsubscribed/);
    });
    expect(data.channel).toBe("sms");
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    await send(smsParams(phone, "start"));
    // Orders was never agreed to, so START does not opt in to it.
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_in:single", tips: "opted_in:single" });
  });

  it("a sentence with a stop word in it is no stop; a stop word and a category is", async () => {
    const phone = testPhone(++n);
    await joinBoth(phone);
    await send(smsParams(phone, "please stop texting me about the sale"));
    expect(await states(phone)).toEqual({ offers: "opted_in:single", tips: "opted_in:single" });
    await send(smsParams(phone, "STOP tips"));
    expect(await states(phone)).toEqual({ offers: "opted_in:single", tips: "opted_out" });
  });
});
