import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelFixture, joinChoices, keywordForm, ledgerCounts, statesOf, testAppSecret, type ChannelFixture } from "../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { testPhone } from "../../testing/fixtures";
import { choiceTaps, newWamid, choiceTapItems, messagesNotification, signedMetaRequest } from "../../testing/meta-cloud";
import { choiceId } from "../forms/channel-wording";
import { messagesFor } from "../i18n/languages";
import { readChoiceNumbers } from "./keyword-choice";
import { whatsappWebhookUrl } from "./settings";
import type { WhatsAppReply } from "./whatsapp/sender";
import { receiveWhatsAppWebhook } from "./whatsapp/webhook";

describe("reading a numbered answer", () => {
  it("takes one or more choice numbers and nothing else", () => {
    expect(readChoiceNumbers("2")).toEqual([2]);
    expect(readChoiceNumbers(" 1 3 ")).toEqual([1, 3]);
    expect(readChoiceNumbers("1, 2, 2")).toEqual([1, 2]);
    expect(readChoiceNumbers("２")).toEqual([2]);
    for (const text of ["", "2 please", "one", "STOP", "123", "1-800", "+2"]) expect(readChoiceNumbers(text), text).toBeNull();
  });
});

describe.each(testDatabaseKinds())("a tapped choice on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let other: ChannelFixture;
  let n = 7000;
  const sent: WhatsAppReply[] = [];
  const post = async (payload: unknown) => {
    const request = signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), payload, testAppSecret);
    const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, request, { sender: async (r) => void sent.push(r) });
    await new Promise((r) => setImmediate(r));
    return response;
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    other = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await other?.receiver.close();
    await t?.drop();
  });

  it("records exactly the category tapped, once however often Meta delivers it", async () => {
    const phone = testPhone(++n);
    const id = newWamid();
    const [, tips] = joinChoices(fx);
    const tap = choiceTaps(phone, [tips!]);
    (tap.entry[0]!.changes[0]!.value.messages as { id: string }[])[0]!.id = id;
    expect((await post(tap)).status).toBe(200);
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ tips: "opted_in:confirmed" });
    const after = await ledgerCounts(t.db, fx.workspace.id);
    const replies = sent.length;
    expect((await post(tap)).status).toBe(200);
    expect(await ledgerCounts(t.db, fx.workspace.id)).toEqual(after);
    expect(sent).toHaveLength(replies);
  });

  it("a list row's tap is read as a button's", async () => {
    const phone = testPhone(++n);
    const [offers] = joinChoices(fx);
    const items = choiceTapItems({ phone }, offers!.id, offers!.title, { list: true });
    await post(messagesNotification({ contacts: [items.contact], messages: [items.message] }));
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ offers: "opted_in:confirmed" });
  });

  it("a forged id (another workspace's form, a category the version never offered, a web form, a made-up version) records nothing and says how to see the choices", async () => {
    const solo = await keywordForm(t.db, fx, "whatsapp", "SOLO", ["offers"]);
    const forged = [
      choiceId(other.whatsappForm.id, "offers"),
      choiceId(fx.whatsappForm.id, "orders"),
      choiceId(fx.formVersion.id, "offers"),
      choiceId(solo.id, "offers"),
      choiceId("00000000-0000-4000-8000-000000000000", "offers"),
      `assent:optin:${fx.whatsappForm.id}`,
      "assent:optin:anything",
    ];
    for (const id of forged) {
      const phone = testPhone(++n);
      const before = await ledgerCounts(t.db, fx.workspace.id);
      sent.length = 0;
      expect((await post(choiceTaps(phone, [{ id, title: "Offers" }]))).status).toBe(200);
      expect((await ledgerCounts(t.db, fx.workspace.id)).events, id).toBe(before.events);
      expect(await statesOf(t.db, fx.workspace.id, phone), id).toEqual({});
      const answer = messagesFor("en").inbound.choiceUnknown(fx.workspace.businessName, "JOIN");
      expect(
        sent.map((r) => r.text),
        id,
      ).toEqual([answer]);
    }
    // The other workspace's own tap on its own form is recorded there, not here.
    const phone = testPhone(++n);
    const request = signedMetaRequest(whatsappWebhookUrl(other.workspace.slug), choiceTaps(phone, joinChoices(other, ["offers"])), testAppSecret);
    await receiveWhatsAppWebhook(t.db, other.workspace.slug, request, { sender: async () => undefined });
    expect(await statesOf(t.db, other.workspace.id, phone)).toEqual({ offers: "opted_in:confirmed" });
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({});
  });
});
