import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts } from "../../db/schema/ledger";
import { append } from "../../ledger/append";
import { createChannelFixture, statesOf, testAppSecret, type ChannelFixture } from "../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { webOptIn } from "../../testing/fixtures";
import { failedStatus, signedMetaRequest, textMessage, userPreference } from "../../testing/meta-cloud";
import { whatsappWebhookUrl } from "../settings";
import { receiveWhatsAppWebhook } from "./webhook";

/**
 * Who a WhatsApp notification is about, as Meta sends it: wa_ids that are not the E.164 number (Meta warns they may
 * not match), and the business-scoped user id (BSUID) that may replace the number.
 */
describe.each(testDatabaseKinds())("WhatsApp identity on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  const post = async (payload: unknown) => {
    const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), payload, testAppSecret), { sender: async () => {} });
    expect(response.status).toBe(200);
  };
  const states = (phone: string) => statesOf(t.db, fx.workspace.id, phone);
  const contactsOf = (phone: string) => t.db.select().from(contacts).where(and(eq(contacts.workspaceId, fx.workspace.id), eq(contacts.phone, phone)));

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
    await post(textMessage("551187650000", "JOIN"));
    const receipt = await append(t.db, webOptIn(fx, "+55 11 98765-0000", { categories: ["orders"] }));
    expect(receipt.phone).toBe("+5511987650000");
    expect(await states("+5511987650000")).toEqual({ orders: "opted_in:single", offers: "opted_in:confirmed", tips: "opted_in:confirmed" });
    expect(await contactsOf("+5511987650000")).toHaveLength(1);
  });
});
