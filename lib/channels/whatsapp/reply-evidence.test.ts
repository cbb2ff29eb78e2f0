import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findContactTimeline } from "../../contacts/timeline.queries";
import { configChanged } from "../../db/config-epoch";
import { channelSettings, keywordReplyEvidence } from "../../db/schema/channels";
import { renderConsentCertificate, loadCertificateInput } from "../../exports/certificate";
import { noChoicesWarning } from "../../forms/channel-policy";
import { checkFormPolicy, publishBlockers } from "../../forms/policy";
import type { FormVersion } from "../../forms/publish";
import { createChannelFixture, keywordForm, statesOf, testAccessToken, testAppSecret, type ChannelFixture } from "../../../testing/channel-fixture";
import { startGraphApi } from "../../../testing/graph-api";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone } from "../../../testing/fixtures";
import { choiceTaps, signedMetaRequest, testPhoneNumberId, textMessage, waId } from "../../../testing/meta-cloud";
import { findContactId } from "../inbound-consent";
import { whatsappCanReply, whatsappWebhookUrl } from "../settings";
import { createCloudApiSender, type WhatsAppSender } from "./sender";
import { receiveWhatsAppWebhook } from "./webhook";

async function certificateText(t: TestDatabase, fx: ChannelFixture, contactId: string): Promise<string> {
  const input = await loadCertificateInput(
    t.db,
    { workspace: fx.workspace, user: { id: fx.admin.user.id, email: "compliance@test.example", name: "Casey Compliance" } },
    contactId,
  );
  const { text } = await extractText(new Uint8Array(await renderConsentCertificate(input)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

describe.each(testDatabaseKinds())("WhatsApp keyword reply evidence on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 800;
  let graph: Awaited<ReturnType<typeof startGraphApi>>;
  /** A keyword form with one category (offers): its keyword alone opts in, and the reply is the wording. */
  let solo: FormVersion;

  const post = (phone: string, body: string, sender: WhatsAppSender) =>
    receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), textMessage(phone, body), testAppSecret), {
      sender,
    });
  /** The acceptance is written after the answer to Meta; wait for it (a liveness bound, not a timing check). */
  async function acceptanceOf(phone: string) {
    const contactId = await findContactId(t.db, fx.workspace.id, { phone });
    const [event] = (await findContactTimeline(t.db, fx.workspace.id, contactId!)).filter((e) => e.action === "opt_in");
    const messageId = (event!.evidence as { messageId: string }).messageId;
    for (let i = 0; i < 500; i++) {
      const [row] = await t.db
        .select()
        .from(keywordReplyEvidence)
        .where(and(eq(keywordReplyEvidence.workspaceId, fx.workspace.id), eq(keywordReplyEvidence.inboundMessageId, messageId)));
      if (row) return row;
      await new Promise((r) => setTimeout(r, 10));
    }
    return null;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    graph = await startGraphApi({ accessToken: testAccessToken, phoneNumberIds: [testPhoneNumberId] });
    solo = await keywordForm(t.db, fx, "whatsapp", "SOLO", ["offers"]);
  });
  afterAll(async () => {
    await graph?.close();
    await fx?.receiver.close();
    await t?.drop();
  });

  it("without an access token a keyword opts in at single level, sends nothing and the record says no wording was sent", async () => {
    const [saved] = await t.db.select().from(channelSettings).where(eq(channelSettings.workspaceId, fx.workspace.id));
    await t.db.update(channelSettings).set({ whatsappAccessTokenSealed: null }).where(eq(channelSettings.workspaceId, fx.workspace.id));
    // Written to the table directly, not through the dashboard's action: tell the webhooks' channel memory, as it would.
    configChanged(t.db);
    try {
      expect(await whatsappCanReply(t.db, fx.workspace.id)).toBe(false);
      const phone = testPhone(++n);
      const sent: unknown[] = [];
      expect((await post(phone, "SOLO", async (r) => void sent.push(r))).status).toBe(200);
      await new Promise((r) => setImmediate(r));
      expect(sent).toEqual([]);
      expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ offers: "opted_in:single" });
      // With two categories nothing can be asked, so the keyword records nothing at all.
      const other = testPhone(++n);
      expect((await post(other, "JOIN", async (r) => void sent.push(r))).status).toBe(200);
      await new Promise((r) => setImmediate(r));
      expect(sent).toEqual([]);
      expect(await findContactId(t.db, fx.workspace.id, { phone: other })).toBeNull();

      const contactId = (await findContactId(t.db, fx.workspace.id, { phone }))!;
      const events = await findContactTimeline(t.db, fx.workspace.id, contactId);
      expect(events).toHaveLength(1);
      for (const e of events) {
        expect(e.evidence).toMatchObject({ kind: "text", text: "SOLO", reply: "none" });
        expect(e.delivery).toEqual({ kind: "not_sent" });
      }
      const text = await certificateText(t, fx, contactId);
      expect(text).toContain("No wording was sent: only the keyword was received");
      expect(text).not.toContain("Wording shown");
      expect(text).not.toContain(fx.whatsappForm.content.languages.en!.consent.offers!);
      expect(text).toContain("(single opt-in)");
      expect(text).not.toContain("confirmed opt-in");
    } finally {
      await t.db
        .update(channelSettings)
        .set({ whatsappAccessTokenSealed: saved!.whatsappAccessTokenSealed })
        .where(eq(channelSettings.workspaceId, fx.workspace.id));
      configChanged(t.db);
    }
  });

  it("with a token, the Cloud API's acceptance (its message id) is what makes the wording 'sent'", async () => {
    const phone = testPhone(++n);
    await post(
      phone,
      "SOLO",
      createCloudApiSender(() => graph.url),
    );
    const row = await acceptanceOf(phone);
    // What went to Meta, as the Cloud API documents it: the business's token, its number's id, a text to the wa_id.
    const sent = graph.sent.at(-1)!;
    expect(sent).toMatchObject({ version: "v21.0", phoneNumberId: testPhoneNumberId, authorization: `Bearer ${testAccessToken}` });
    expect(sent.body).toMatchObject({ messaging_product: "whatsapp", recipient_type: "individual", to: waId(phone), type: "text" });
    const sentText = (sent.body.text as { body: string }).body;
    expect(sentText).toContain(fx.workspace.businessName);
    expect(row).toMatchObject({
      provider: "whatsapp_cloud_api",
      providerMessageId: sent.id,
      textSha256: createHash("sha256").update(sentText).digest("hex"),
    });
    const contactId = (await findContactId(t.db, fx.workspace.id, { phone }))!;
    const [event] = await findContactTimeline(t.db, fx.workspace.id, contactId);
    expect(event!.evidence).toMatchObject({ reply: "after_commit" });
    expect(event!.delivery).toMatchObject({ kind: "accepted", providerMessageId: sent.id });
    const text = await certificateText(t, fx, contactId);
    expect(text).toContain(`Wording sent, exactly (accepted by the WhatsApp Cloud API as ${sent.id}`);
    expect(text).not.toContain("Wording shown");
  });

  it("a reply the Cloud API refuses keeps the opt-in, and the wording is shown as NOT confirmed sent", async () => {
    const phone = testPhone(++n);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      graph.refuseNext({ status: 400, code: 130429, message: "(#130429) Rate limit hit", details: "Cloud API message throughput has been reached." });
      const before = graph.sent.length;
      await post(
        phone,
        "SOLO",
        createCloudApiSender(() => graph.url),
      );
      // The refusal is logged with Meta's code, so the business sees why (a liveness bound, not a timing check).
      for (let i = 0; i < 500 && logged.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(String(logged.mock.calls[0]?.[1])).toContain("Cloud API answered 400 (error 130429): Cloud API message throughput has been reached.");
      expect(graph.sent.length).toBe(before);
    } finally {
      logged.mockRestore();
    }
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ offers: "opted_in:confirmed" });
    const contactId = (await findContactId(t.db, fx.workspace.id, { phone }))!;
    const [event] = await findContactTimeline(t.db, fx.workspace.id, contactId);
    expect(event!.delivery).toEqual({ kind: "unconfirmed" });
    expect(await certificateText(t, fx, contactId)).toContain("Wording of the reply, NOT confirmed as sent");
  });

  it("the policy check says plainly, before publishing, what a WhatsApp keyword form records while no reply can be sent", () => {
    const ctx = { businessName: fx.workspace.businessName, categories: fx.categories, channel: "whatsapp" };
    const without = checkFormPolicy(solo.content, { ...ctx, canReply: false }).find((c) => c.id === "reply-sendable");
    expect(without).toMatchObject({ passed: false, severity: "warning" });
    expect(without!.problems[0]).toMatch(/recorded as opted in at single level from the keyword alone, and their record says no wording was sent/);
    expect(publishBlockers(checkFormPolicy(solo.content, { ...ctx, canReply: false })).map((c) => c.id)).not.toContain("reply-sendable");
    expect(checkFormPolicy(solo.content, { ...ctx, canReply: true }).find((c) => c.id === "reply-sendable")).toBeUndefined();
    // Two categories: the choices are the reply, so without one the keyword records nothing, and it says so.
    const several = checkFormPolicy(fx.whatsappForm.content, { ...ctx, canReply: false }).find((c) => c.id === "reply-sendable");
    expect(several!.problems).toEqual([noChoicesWarning]);
  });

  it("two categories: the Graph API receives one reply button per category, and a tap's event says the wording was answered", async () => {
    const phone = testPhone(++n);
    const sender = createCloudApiSender(() => graph.url);
    const before = graph.sent.length;
    await post(phone, "JOIN", sender);
    for (let i = 0; i < 500 && graph.sent.length === before; i++) await new Promise((r) => setTimeout(r, 10));
    const asked = graph.sent.at(-1)!;
    // Meta's interactive reply-buttons message: a body of at most 1,024 characters, a button per category.
    const content = fx.whatsappForm.content.languages.en!;
    expect(asked.body).toMatchObject({ messaging_product: "whatsapp", to: waId(phone), type: "interactive" });
    const interactive = asked.body.interactive as {
      type: string;
      body: { text: string };
      action: { buttons: { type: string; reply: { id: string; title: string } }[] };
    };
    expect(interactive.type).toBe("button");
    expect(interactive.body.text).toContain(content.consent.offers);
    expect(interactive.body.text).toContain(content.consent.tips);
    expect(interactive.action.buttons).toEqual([
      { type: "reply", reply: { id: `assent:optin:${fx.whatsappForm.id}:offers`, title: "Offers" } },
      { type: "reply", reply: { id: `assent:optin:${fx.whatsappForm.id}:tips`, title: "Tips" } },
    ]);
    expect(await findContactId(t.db, fx.workspace.id, { phone })).toBeNull();

    // The person taps "Offers" on that very message (context names it).
    const tap = choiceTaps(phone, [{ id: interactive.action.buttons[0]!.reply.id, title: interactive.action.buttons[0]!.reply.title }], { context: asked.id });
    const request = signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), tap, testAppSecret);
    await receiveWhatsAppWebhook(t.db, fx.workspace.slug, request, { sender });
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ offers: "opted_in:confirmed" });
    const contactId = (await findContactId(t.db, fx.workspace.id, { phone }))!;
    const [event] = await findContactTimeline(t.db, fx.workspace.id, contactId);
    expect(event!.evidence).toMatchObject({
      kind: "button",
      reply: "answered",
      askedIn: asked.id,
      wordingSha256: createHash("sha256").update(content.consent.offers!).digest("hex"),
    });
    expect(event!.delivery).toEqual({ kind: "answered" });
    const text = await certificateText(t, fx, contactId);
    expect(text).toContain("Wording sent, exactly, and answered");
    expect(text).toContain("send me <offers>");
  });
});
