import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configChanged } from "../db/config-epoch";
import { channelSettings } from "../db/schema/channels";
import { sealSecret } from "../webhooks/secret-seal";
import { createChannelFixture, testAppSecret, type ChannelFixture } from "../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { testPhone } from "../../testing/fixtures";
import { signedMetaRequest, textMessage } from "../../testing/meta-cloud";
import { CHANNEL_CACHE_MS, findInboundChannelCached } from "./channel-cache";
import { defaultOptOutKeywords } from "./keywords";
import { whatsappWebhookUrl } from "./settings";
import { receiveWhatsAppWebhook } from "./whatsapp/webhook";

describe.each(testDatabaseKinds())("the webhooks' channel memory on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });
  const setKeywords = (en: string[]) =>
    t.db
      .update(channelSettings)
      .set({ optOutKeywords: { ...defaultOptOutKeywords, en } })
      .where(eq(channelSettings.workspaceId, fx.workspace.id));

  it("is kept for CHANNEL_CACHE_MS, dropped at once by a change made on this instance, and never kept for an unknown workspace", async () => {
    const now = Date.now();
    const first = await findInboundChannelCached(t.db, fx.workspace.slug, { now });
    await setKeywords(["STOP", "HALT"]);
    // Another instance's change: this one answers from memory until the entry expires.
    expect(await findInboundChannelCached(t.db, fx.workspace.slug, { now: now + 1000 })).toBe(first);
    const later = await findInboundChannelCached(t.db, fx.workspace.slug, { now: now + CHANNEL_CACHE_MS + 1 });
    expect(later).not.toBe(first);
    expect(later!.settings.optOutKeywords.en).toEqual(["STOP", "HALT"]);
    // A dashboard action on this instance moves the epoch: the next webhook reads the channel again.
    await setKeywords(["STOP"]);
    configChanged(t.db);
    expect((await findInboundChannelCached(t.db, fx.workspace.slug, { now: now + CHANNEL_CACHE_MS + 2 }))!.settings.optOutKeywords.en).toEqual(["STOP"]);
    expect(await findInboundChannelCached(t.db, "no-such-workspace")).toBeNull();
  });

  it("an app secret rotated on another instance is honoured at once, and the old one is refused", async () => {
    const warm = await receiveWhatsAppWebhook(
      t.db,
      fx.workspace.slug,
      signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), textMessage(testPhone(9301), "hi"), testAppSecret),
      {
        sender: async () => undefined,
      },
    );
    expect(warm.status).toBe(200);
    const rotated = "meta-app-secret-rotated";
    await t.db
      .update(channelSettings)
      .set({ whatsappAppSecretSealed: sealSecret(rotated) })
      .where(eq(channelSettings.workspaceId, fx.workspace.id));
    try {
      const post = (secret: string) =>
        receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), textMessage(testPhone(9302), "hi"), secret), {
          sender: async () => undefined,
        });
      expect((await post(rotated)).status).toBe(200);
      expect((await post(testAppSecret)).status).toBe(401);
    } finally {
      await t.db
        .update(channelSettings)
        .set({ whatsappAppSecretSealed: sealSecret(testAppSecret) })
        .where(eq(channelSettings.workspaceId, fx.workspace.id));
      configChanged(t.db);
    }
  });
});
