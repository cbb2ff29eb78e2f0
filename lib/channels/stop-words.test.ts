import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { append } from "../ledger/append";
import { queryRows } from "../db/sql";
import { createForm, publishFormVersion } from "../forms/publish";
import { defaultEnglishWording } from "../forms/wording";
import { starterWording } from "../forms/wording-templates";
import { messagesFor } from "../i18n/languages";
import { createChannelFixture, ledgerCounts, statesOf, testAppSecret, testTwilioToken, type ChannelFixture } from "../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { testPhone, webOptIn } from "../../testing/fixtures";
import { buttonReply, signedMetaRequest, textMessage } from "../../testing/meta-cloud";
import { signedTwilioRequest, smsParams, twilioLibrarySignedRequest, twilioWhatsAppParams } from "../../testing/twilio";
import { smsWebhookUrl, whatsappWebhookUrl } from "./settings";
import { receiveSmsWebhook } from "./sms/webhook";
import type { WhatsAppReply } from "./whatsapp/sender";
import { receiveWhatsAppWebhook } from "./whatsapp/webhook";

/** TwiML's one <Message>, unescaped; null for an empty <Response/>. */
function twimlMessage(xml: string): string | null {
  const m = xml.match(/<Message>([\s\S]*)<\/Message>/);
  if (!m) return null;
  return m[1]!.replace(/&(lt|gt|amp|apos|quot);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' })[e]!);
}

type Transport = "sms" | "whatsapp-cloud" | "whatsapp-twilio";
const transports: Transport[] = ["sms", "whatsapp-cloud", "whatsapp-twilio"];

/** Issue 15: every one of these stopped nothing and got an empty reply. [body, categories stopped, reply language] */
const stops: [string, "all" | "offers", string][] = [
  ["Stop.", "all", "en"],
  ["Stop!", "all", "en"],
  ["STOP ALL", "all", "en"],
  ["OPT OUT", "all", "en"],
  ["Opt-out", "all", "en"],
  ["STOP 🛑", "all", "en"],
  ["ＳＴＯＰ", "all", "en"],
  ["BAJA ofertas", "offers", "es"],
  ["रोकें", "all", "hi"],
  ["PARAR", "all", "es"],
];

describe.each(testDatabaseKinds())("stop words on every channel, on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 700;
  const sent: WhatsAppReply[] = [];

  /** Sends a body from a number on one transport; returns the reply the person gets. */
  async function send(
    transport: Transport,
    phone: string,
    body: string,
    extra: { payload?: string; params?: Record<string, string> } = {},
  ): Promise<string | null> {
    if (transport === "whatsapp-cloud") {
      sent.length = 0;
      const payload = extra.payload ? buttonReply(phone, extra.payload, body) : textMessage(phone, body);
      const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), payload, testAppSecret), {
        sender: async (reply) => void sent.push(reply),
      });
      expect(response.status).toBe(200);
      await new Promise((r) => setImmediate(r));
      return sent.at(-1)?.text ?? null;
    }
    const url = smsWebhookUrl(fx.workspace.slug);
    const request =
      transport === "sms"
        ? signedTwilioRequest(url, { ...smsParams(phone, body), ...extra.params }, testTwilioToken)
        : twilioLibrarySignedRequest(url, { ...twilioWhatsAppParams(phone, body, { payload: extra.payload }), ...extra.params }, testTwilioToken);
    const response = await receiveSmsWebhook(t.db, fx.workspace.slug, request);
    expect(response.status).toBe(200);
    return twimlMessage(await response.text());
  }
  const optedInToAll = async (phone: string) => void (await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers", "tips"] })));
  const replies = (transport: Transport, language: string) => (transport === "sms" ? messagesFor(language).sms : messagesFor(language).whatsapp);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    // A Spanish form names the offers category "Ofertas": the name people will use after BAJA.
    const form = await createForm(t.db, fx.workspace.id, { slug: "es-web", name: "Spanish page", channel: "web" });
    const es = starterWording(
      "es",
      fx.workspace.businessName,
      fx.categories.map((c) => ({ ...c, label: c.key === "offers" ? "Ofertas" : c.label })),
    );
    await publishFormVersion(t.db, fx.workspace.id, form.id, {
      businessName: fx.workspace.businessName,
      privacyPolicyUrl: null,
      defaultLanguage: "en",
      categoryKeys: fx.categories.map((c) => c.key),
      askConfirmation: false,
      languages: { en: defaultEnglishWording(fx.workspace.businessName, fx.categories), es },
    });
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  describe.each(transports)("over %s", (transport) => {
    it.each(stops)("%s opts out (%s), answered in %s", async (body, scope, language) => {
      const phone = testPhone(++n);
      await optedInToAll(phone);
      const reply = await send(transport, phone, body);
      const m = replies(transport, language);
      if (scope === "all") {
        expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
        expect(reply).toBe(m.stoppedAll(fx.workspace.businessName));
      } else {
        expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ orders: "opted_in:single", offers: "opted_out", tips: "opted_in:single" });
        expect(reply).toBe(m.stoppedOne("Ofertas", fx.workspace.businessName));
      }
    });

    it("a sentence that opens with a stop word records nothing and is answered once with how to stop", async () => {
      const phone = testPhone(++n);
      await optedInToAll(phone);
      const before = await ledgerCounts(t.db, fx.workspace.id);
      const reply = await send(transport, phone, "stop sending me the weekly offers please");
      expect(reply).toBe(messagesFor("en").inbound.unclearStop(fx.workspace.businessName, "STOP", `STOP ${fx.categories[0]!.label}`));
      const spanish = await send(transport, phone, "Baja las ofertas de la semana");
      expect(spanish).toContain("todavía no se ha cambiado nada");
      const after = await ledgerCounts(t.db, fx.workspace.id);
      expect(after.events).toBe(before.events);
      expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ orders: "opted_in:single", offers: "opted_in:single", tips: "opted_in:single" });
    });
  });

  it("Twilio's OptOutType=STOP opts out whatever the body's language; START and HELP are honoured too", async () => {
    const phone = testPhone(++n);
    await optedInToAll(phone);
    const stopped = await send("sms", phone, "ARRET", { params: { OptOutType: "STOP" } });
    expect(stopped).toBe(messagesFor("en").sms.stoppedAll(fx.workspace.businessName));
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    // START undoes only what a text stop stopped, and only where the person had agreed under a form.
    const started = await send("sms", phone, "COMMENCER", { params: { OptOutType: "START" } });
    expect(started).toBe(messagesFor("en").sms.resumed(fx.workspace.businessName));
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ orders: "opted_in:single", offers: "opted_in:single", tips: "opted_in:single" });
    expect(await send("sms", phone, "AIDE", { params: { OptOutType: "HELP" } })).toMatch(/reply .*STOP.* to stop all messages/);
  });

  it("WhatsApp through Twilio: keyword, buttons and stops land on the WhatsApp channel for the right contact; the name is kept as a name", async () => {
    const a = testPhone(++n);
    const b = testPhone(++n);
    // TwiML carries text only: the two categories are asked by number, and nothing is recorded until answered.
    const joined = await send("whatsapp-twilio", a, "join");
    expect(joined).toContain(fx.whatsappForm.content.languages.en!.howToStop);
    expect(joined).toContain("Reply 1 for Offers, 2 for Tips");
    expect(await statesOf(t.db, fx.workspace.id, a)).toEqual({});
    expect(await send("whatsapp-twilio", a, "1 2")).toContain('"Offers", "Tips"');
    expect(await statesOf(t.db, fx.workspace.id, a)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    await send("whatsapp-twilio", b, "Sign me up", { payload: "assent:join:join" });
    // The question was asked on WhatsApp: a "2" by SMS from the same number answers nothing.
    expect(await send("sms", b, "2")).toBeNull();
    await send("whatsapp-twilio", b, "1 2");
    expect(await statesOf(t.db, fx.workspace.id, b)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });

    expect(await send("whatsapp-twilio", a, "No more offers", { payload: "assent:stop:offers" })).toBe(
      messagesFor("en").whatsapp.stoppedOne("Offers", fx.workspace.businessName),
    );
    expect(await statesOf(t.db, fx.workspace.id, a)).toEqual({ offers: "opted_out", tips: "opted_in:confirmed" });
    expect(await statesOf(t.db, fx.workspace.id, b)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    await send("whatsapp-twilio", b, "Stop everything", { payload: "assent:stop" });
    expect(await statesOf(t.db, fx.workspace.id, b)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });

    const rows = await queryRows<{ channel: string; evidence: Record<string, unknown>; name: string | null }>(
      t.db,
      sql`select e.channel, e.evidence, p.name from consent_events e join contacts k on k.id = e.contact_id
        left join event_personal_data p on p.event_id = e.id where k.phone = ${a} and e.workspace_id = ${fx.workspace.id} order by e.seq`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.channel).toBe("whatsapp");
      expect(r.evidence).toMatchObject({ provider: "twilio" });
      expect(JSON.stringify(r.evidence)).not.toContain("Test Person");
      expect(r.name).toBe("Test Person");
    }
    expect(rows.at(-1)!.evidence).toMatchObject({ kind: "button", payload: "assent:stop:offers" });
    expect(rows[0]!.evidence).toMatchObject({ kind: "text", text: "1 2", reply: "answered" });
  });

  it("refuses a Twilio WhatsApp request signed with another token, recording nothing", async () => {
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const request = twilioLibrarySignedRequest(smsWebhookUrl(fx.workspace.slug), twilioWhatsAppParams(testPhone(++n), "STOP"), "not-the-token");
    expect((await receiveSmsWebhook(t.db, fx.workspace.slug, request)).status).toBe(403);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(before);
  });
});
