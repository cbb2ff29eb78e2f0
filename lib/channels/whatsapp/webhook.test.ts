import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmationCode, findConfirmationCode } from "../../confirmations/codes";
import { consentEvents } from "../../db/schema/ledger";
import { whatsappQualityUpdates } from "../../db/schema/channels";
import type { Db } from "../../db/client";
import { append } from "../../ledger/append";
import {
  createChannelFixture,
  expectOneOptOutDelivered,
  ledgerCounts,
  joinChoices,
  statesOf,
  tapsToJoin,
  testAccessToken,
  testAppSecret,
  type ChannelFixture,
} from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { apiOptOut, testPhone, webOptIn } from "../../../testing/fixtures";
import { buttonReply, failedStatus, newWamid, qualityUpdate, signedMetaRequest, textMessage, userPreference } from "../../../testing/meta-cloud";
import { whatsappWebhookUrl } from "../settings";
import type { WhatsAppReply } from "./sender";
import { receiveWhatsAppWebhook, verifyWhatsAppSubscription } from "./webhook";
import { ensureChannelSettings } from "../settings";

describe.each(testDatabaseKinds())("WhatsApp webhook on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 100;
  const sent: WhatsAppReply[] = [];
  const recordingSender = async (reply: WhatsAppReply) => void sent.push(reply);
  const url = () => whatsappWebhookUrl(fx.workspace.slug);
  const post = async (payload: unknown, options?: { signature?: string | null; secret?: string }) => {
    const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(url(), payload, options?.secret ?? testAppSecret, options), {
      sender: recordingSender,
    });
    await new Promise((r) => setImmediate(r)); // replies go out after the answer
    return response;
  };
  const states = (phone: string) => statesOf(t.db, fx.workspace.id, phone);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  it("answers Meta's handshake only with the workspace's verify token", async () => {
    const { whatsappVerifyToken } = await ensureChannelSettings(t.db, fx.workspace.id);
    const handshake = (token: string, mode = "subscribe") =>
      verifyWhatsAppSubscription(
        t.db,
        fx.workspace.slug,
        new URL(`${url()}?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`),
      );
    const ok = await handshake(whatsappVerifyToken);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await handshake("wrong-token")).status).toBe(403);
    expect((await handshake(whatsappVerifyToken, "unsubscribe")).status).toBe(403);
    expect(
      (await verifyWhatsAppSubscription(t.db, "no-such-workspace", new URL(`${url()}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`))).status,
    ).toBe(403);
  });

  it("refuses a bad or missing signature with 401 and records nothing", async () => {
    const before = await ledgerCounts(t.db, fx.workspace.id);
    const payload = textMessage(testPhone(++n), "STOP");
    expect((await post(payload, { secret: "not-the-app-secret" })).status).toBe(401);
    expect((await post(payload, { signature: null })).status).toBe(401);
    expect((await post(payload, { signature: `sha256=${"0".repeat(64)}` })).status).toBe(401);
    // Signed, then altered in transit: the signature no longer covers the bytes.
    const request = signedMetaRequest(url(), payload, testAppSecret);
    const tampered = new Request(url(), { method: "POST", headers: request.headers, body: JSON.stringify(payload).replace("STOP", "JOIN") });
    expect((await receiveWhatsAppWebhook(t.db, fx.workspace.slug, tampered, { sender: recordingSender })).status).toBe(401);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(before);
  });

  it("a signed body it cannot read is answered 200 and records nothing", async () => {
    const before = await ledgerCounts(t.db, fx.workspace.id);
    expect((await post("{not json")).status).toBe(200);
    expect((await post({ object: "page", entry: [] })).status).toBe(200);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(before);
  });

  it("a keyword with two categories records nothing and answers with one button per category; a tap records that one", async () => {
    const phone = testPhone(++n);
    sent.length = 0;
    const message = textMessage(phone, " join ");
    const before = await ledgerCounts(t.db, fx.workspace.id);
    expect((await post(message)).status).toBe(200);
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
    expect(await states(phone)).toEqual({});
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: phone.slice(1), accessToken: testAccessToken });
    expect(sent[0]!.text).toContain(fx.whatsappForm.content.languages.en!.consent.offers);
    expect(sent[0]!.text).toContain(fx.whatsappForm.content.languages.en!.howToStop);
    expect(sent[0]!.interactive).toEqual({ format: "buttons", choices: joinChoices(fx) });

    await post(tapsToJoin(fx, phone, ["tips"]));
    expect(await states(phone)).toEqual({ tips: "opted_in:confirmed" });
    const events = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.formVersionId, fx.whatsappForm.id)));
    expect(events.filter((e) => e.contactId === events.at(-1)!.contactId)).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      channel: "whatsapp",
      language: "en",
      formVersionDigest: fx.whatsappForm.digest,
      evidence: { kind: "button", payload: joinChoices(fx)[1]!.id, reply: "answered" },
    });
    expect(sent.at(-1)!.text).toContain('"Tips"');

    // Meta delivers the keyword again: answered 200, nothing written, no second reply.
    const again = await ledgerCounts(t.db, fx.workspace.id);
    const replies = sent.length;
    expect((await post(message)).status).toBe(200);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(again);
    expect(sent).toHaveLength(replies);
  });

  it("a STOP text opts out of every category in one command, delivered once after two failures", async () => {
    const phone = testPhone(++n);
    await post(tapsToJoin(fx, phone));
    const data = await expectOneOptOutDelivered(t.db, fx, ["orders", "offers", "tips"], async () => {
      expect((await post(textMessage(phone, "Stop"))).status).toBe(200);
    });
    expect(data.channel).toBe("whatsapp");
    expect(await states(phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
  });

  it("STOP and a category, in another language or from a button, stops just that one", async () => {
    const phone = testPhone(++n);
    await post(tapsToJoin(fx, phone));
    await post(textMessage(phone, "baja tips"));
    expect(await states(phone)).toEqual({ offers: "opted_in:confirmed", tips: "opted_out" });
    await post(buttonReply(phone, "assent:stop:offers", "No more offers"));
    expect(await states(phone)).toEqual({ offers: "opted_out", tips: "opted_out" });
    // A template's join button is the keyword: it asks which, and records nothing until a choice is tapped.
    await post(buttonReply(phone, "assent:join:join", "Sign me up"));
    expect(await states(phone)).toEqual({ offers: "opted_out", tips: "opted_out" });
    await post(tapsToJoin(fx, phone));
    expect(await states(phone)).toEqual({ offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
  });

  it("WhatsApp's marketing stop opts out of the marketing categories in one command; resume restores only those", async () => {
    const phone = testPhone(++n);
    // Orders (utility) and offers (marketing) on the web; tips never.
    await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers"] }));
    await expectOneOptOutDelivered(t.db, fx, ["offers", "tips"], async () => {
      expect((await post(userPreference(phone, "stop"))).status).toBe(200);
    });
    expect(await states(phone)).toEqual({ orders: "opted_in:single", offers: "opted_out", tips: "opted_out" });
    await post(userPreference(phone, "resume"));
    // Offers comes back under the web form's wording it was given under; tips was never agreed to, so stays out.
    expect(await states(phone)).toEqual({ orders: "opted_in:single", offers: "opted_in:confirmed", tips: "opted_out" });
    const [resumed] = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.action, "opt_in"), eq(consentEvents.channel, "whatsapp")));
    expect(resumed?.formVersionId).toBeDefined();
  });

  it("a STOP text after the marketing stop is not undone by resume", async () => {
    const phone = testPhone(++n);
    await post(tapsToJoin(fx, phone));
    await post(userPreference(phone, "stop", 1_700_000_000));
    await post(textMessage(phone, "STOP offers"));
    await post(userPreference(phone, "resume", 1_700_000_100));
    expect(await states(phone)).toEqual({ offers: "opted_out", tips: "opted_in:confirmed" });
  });

  it("a template refused with error 131050 opts out of the marketing categories in one command", async () => {
    const phone = testPhone(++n);
    await post(tapsToJoin(fx, phone));
    await append(t.db, webOptIn(fx, phone, { categories: ["orders"] }));
    await expectOneOptOutDelivered(t.db, fx, ["offers", "tips"], async () => {
      expect((await post(failedStatus(phone))).status).toBe(200);
    });
    expect(await states(phone)).toEqual({ orders: "opted_in:single", offers: "opted_out", tips: "opted_out" });
    // Another error code is not a stop.
    const before = await ledgerCounts(t.db, fx.workspace.id);
    await post(failedStatus(phone, 131026));
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
  });

  it("a confirmation code from the number it was issued to confirms that sign-up, once", async () => {
    const phone = testPhone(++n);
    const receipt = await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers"] }));
    const code = await createConfirmationCode(t.db, {
      workspaceId: fx.workspace.id,
      contactId: receipt.contactId,
      commandId: receipt.commandId,
      categoryKeys: ["orders", "offers"],
    });
    // From someone else's phone: refused, nothing confirmed, code still open.
    sent.length = 0;
    await post(textMessage(testPhone(++n), `Confirm my sign-up to Test Shop. Code: ${code.code}`));
    expect((await findConfirmationCode(t.db, fx.workspace.id, code.code)).status).toBe("valid");
    expect(sent[0]?.text).toMatch(/another number/);
    await post(textMessage(phone, `Confirm my sign-up to Test Shop. Code: ${code.code}`));
    expect(await states(phone)).toEqual({ orders: "opted_in:confirmed", offers: "opted_in:confirmed" });
    expect((await findConfirmationCode(t.db, fx.workspace.id, code.code)).status).toBe("used");
    const confirms = await t.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.workspaceId, fx.workspace.id), eq(consentEvents.action, "confirm")));
    expect(confirms.map((e) => e.evidence)).toEqual([
      expect.objectContaining({ kind: "confirmation_code" }),
      expect.objectContaining({ kind: "confirmation_code" }),
    ]);
    const before = await ledgerCounts(t.db, fx.workspace.id);
    await post(textMessage(phone, `Code: ${code.code}`, newWamid()));
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
  });

  // Found by e2e/specs/races.spec.ts: the code's categories were read before the opt-out committed, so the confirm was
  // refused under the contact's lock and the whole message (code and confirmation) was lost. Needs two connections.
  it.runIf(kind === "postgres")("a code that races an opt-out confirms what is still opted in", async () => {
    const phone = testPhone(++n);
    const receipt = await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers"] }));
    const code = await createConfirmationCode(t.db, {
      workspaceId: fx.workspace.id,
      contactId: receipt.contactId,
      commandId: receipt.commandId,
      categoryKeys: ["orders", "offers"],
    });
    let confirming!: Promise<Response>;
    await t.withConnection((connection) =>
      connection.transaction(async (tx) => {
        // Holds the contact's lock until this transaction commits.
        await append(tx as unknown as Db, apiOptOut(fx, phone, ["offers"]));
        confirming = post(textMessage(phone, `Code: ${code.code}`));
        // Time for the webhook to read the code and reach the contact before the opt-out commits.
        await new Promise((r) => setTimeout(r, 500));
      }),
    );
    expect((await confirming).status).toBe(200);
    expect(await states(phone)).toEqual({ orders: "opted_in:confirmed", offers: "opted_out" });
    expect((await findConfirmationCode(t.db, fx.workspace.id, code.code)).status).toBe("used");
  });

  it("HELP is answered with the stop words and the keywords", async () => {
    sent.length = 0;
    const before = await ledgerCounts(t.db, fx.workspace.id);
    await post(textMessage(testPhone(++n), "help"));
    expect(sent[0]?.text).toMatch(/STOP/);
    expect(sent[0]?.text).toMatch(/JOIN/);
    expect((await ledgerCounts(t.db, fx.workspace.id)).events).toBe(before.events);
  });

  it("answers STOP and HELP in the language of the word sent", async () => {
    const phone = testPhone(++n);
    await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers"] }));
    sent.length = 0;
    await post(textMessage(phone, "baja offers"));
    expect(sent.at(-1)?.text).toBe(`Ya no recibirás mensajes de "Offers" de ${fx.workspace.businessName} por WhatsApp.`);
    await post(textMessage(phone, "BERHENTI"));
    expect(sent.at(-1)?.text).toBe(`Anda tidak akan menerima pesan lagi dari ${fx.workspace.businessName} di WhatsApp.`);
    await post(textMessage(phone, "STOP"));
    expect(sent.at(-1)?.text).toBe(`You will not get any more messages from ${fx.workspace.businessName} on WhatsApp.`);
    await post(textMessage(testPhone(++n), "ayuda"));
    expect(sent.at(-1)?.text).toMatch(
      new RegExp(
        `^${fx.workspace.businessName}: responde BAJA, PARAR, STOP o .+ para dejar de recibir todos los mensajes.* Responde JOIN para suscribirte\\.$`,
      ),
    );
    await post(textMessage(testPhone(++n), "मदद"));
    expect(sent.at(-1)?.text).toMatch(/^.+: सभी संदेश रोकने के लिए रोकें, STOP, .+ भेजें/);
  });

  it("stores a quality notice once", async () => {
    const payload = qualityUpdate("DOWNGRADE", "TIER_1K", "TIER_10K");
    await post(payload);
    await post(payload);
    const rows = await t.db.select().from(whatsappQualityUpdates).where(eq(whatsappQualityUpdates.workspaceId, fx.workspace.id));
    expect(rows).toMatchObject([{ event: "DOWNGRADE", currentLimit: "TIER_1K", oldLimit: "TIER_10K", displayPhoneNumber: "15550783881" }]);
  });
});
