import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { runWorkspaceAction } from "../handlers/workspace-action";
import { qualityAlerts } from "../db/schema/quality";
import { createForm, publishFormVersion } from "../forms/publish";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { signedInMember, testMeta } from "../../testing/staff";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { createWebhookEndpoint } from "../webhooks/actions";
import { runWebhookPass } from "../webhooks/worker";
import { acknowledgeQualityAlert, recordQualityRating, updateQualityThresholds } from "./actions";
import { listOpenAlerts } from "./alerts";
import { runQualityPass } from "./worker";

const DAY = 86_400_000;

describe.each(testDatabaseKinds())("quality alerts on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const act = async (def: Parameters<typeof runWorkspaceAction>[0], input: Record<string, unknown>, role: "admin" | "viewer" = "admin") =>
    runWorkspaceAction(def, t.db, await signedInMember(t.db, fx.workspace.id, role), testMeta, { workspace: fx.workspace.slug, ...input });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.drop();
  });

  it("a new form whose people opt out in its first week raises one alert per condition, delivered as quality.alert", async () => {
    const created = await act(createWebhookEndpoint, { url: receiver.url, description: "Ops", topics: ["quality.alert"] });
    expect(created.ok).toBe(true);
    const form = await createForm(t.db, fx.workspace.id, { slug: "spring", name: "Spring promo", channel: "web" });
    const version = await publishFormVersion(t.db, fx.workspace.id, form.id, fx.formVersion.content);
    // The old form: a steady month of sign-ups that stay.
    for (let i = 0; i < 30; i++) await append(t.db, webOptIn(fx, testPhone(100 + i), { occurredAt: new Date(Date.now() - (20 - (i % 10)) * DAY) }));
    // The new form: 25 sign-ups in three days, 10 of whom stop the next day.
    for (let i = 0; i < 25; i++)
      await append(t.db, webOptIn(fx, testPhone(200 + i), { formVersionId: version.id, categories: ["offers"], occurredAt: new Date(Date.now() - 3 * DAY) }));
    for (let i = 0; i < 10; i++) await append(t.db, { ...apiOptOut(fx, testPhone(200 + i), ["offers"]), occurredAt: new Date(Date.now() - 2 * DAY) });

    await runQualityPass(t.db);
    const open = await listOpenAlerts(t.db, fx.workspace.id);
    expect(open.map((a) => a.title).sort()).toEqual([
      "Opt-outs jumped for the category “Offers”: 40% in the last 7 days (before: 0%)",
      "Opt-outs jumped for the form “Spring promo”: 40% in the last 7 days (before: 0%)",
    ]);

    // Once per condition: the next passes raise nothing new while it holds.
    await runQualityPass(t.db);
    await append(t.db, { ...apiOptOut(fx, testPhone(211), ["offers"]), occurredAt: new Date(Date.now() - DAY) });
    await runQualityPass(t.db);
    expect(await listOpenAlerts(t.db, fx.workspace.id)).toHaveLength(2);

    await runWebhookPass(t.db, { allowPrivate: true, retryDelays: [0] });
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: { kind: string; workspace: string; detail: { name: string } } });
    expect(bodies.map((b) => `${b.type} ${b.data.kind} ${b.data.detail.name}`).sort()).toEqual([
      "quality.alert category_opt_out Offers",
      "quality.alert form_opt_out Spring promo",
    ]);
    expect(bodies[0]!.data.workspace).toBe(fx.workspace.slug);
  });

  it("staff dismiss an alert; it clears when thresholds no longer flag it; viewers may not dismiss", async () => {
    const [first] = await listOpenAlerts(t.db, fx.workspace.id);
    expect((await act(acknowledgeQualityAlert, { alertId: first!.id }, "viewer")).ok).toBe(false);
    expect(await act(acknowledgeQualityAlert, { alertId: first!.id })).toMatchObject({ ok: true });
    expect(await act(acknowledgeQualityAlert, { alertId: first!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await listOpenAlerts(t.db, fx.workspace.id)).find((a) => a.id === first!.id)?.acknowledgedAt).toBeInstanceOf(Date);

    const bad = await act(updateQualityThresholds, { optOutJumpPoints: "0", minOptIns: "x", ratingAlertLevel: "blue" });
    expect(bad.ok ? [] : bad.fields.map((f) => f.field).sort()).toEqual(["minOptIns", "optOutJumpPoints", "ratingAlertLevel"]);
    expect(await act(updateQualityThresholds, { optOutJumpPoints: "50", minOptIns: "20", ratingAlertLevel: "red" })).toMatchObject({ ok: true });
    expect(await listOpenAlerts(t.db, fx.workspace.id)).toEqual([]);
    const all = await t.db.select().from(qualityAlerts).where(eq(qualityAlerts.workspaceId, fx.workspace.id));
    expect(all.every((a) => a.clearedAt)).toBe(true);
  });

  it("a rating recorded at or below the alert level raises a rating alert, and a fall further raises another", async () => {
    const future = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const refused = await act(recordQualityRating, { rating: "purple", messagingLimit: "", observedOn: future, note: "" });
    expect(refused.ok ? [] : refused.fields.map((f) => f.field).sort()).toEqual(["observedOn", "rating"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await act(recordQualityRating, { rating: "yellow", messagingLimit: "TIER_1K", observedOn: today, note: "" })).toMatchObject({ ok: true });
    expect(await listOpenAlerts(t.db, fx.workspace.id)).toEqual([]); // the level is now red
    expect(await act(recordQualityRating, { rating: "red", messagingLimit: "", observedOn: today, note: "From Manager" })).toMatchObject({ ok: true });
    expect((await listOpenAlerts(t.db, fx.workspace.id)).map((a) => a.title)).toEqual(["WhatsApp quality rating is Low (red) (was Medium (yellow))"]);
    expect(await act(recordQualityRating, { rating: "green", messagingLimit: "", observedOn: today, note: "" })).toMatchObject({ ok: true });
    expect(await listOpenAlerts(t.db, fx.workspace.id)).toEqual([]);
  });
});
