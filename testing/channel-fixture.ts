import { expect } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { runWorkspaceAction } from "../lib/handlers/workspace-action";
import type { Db } from "../lib/db/client";
import type { ActiveSession } from "../lib/auth/staff-sessions";
import { createForm, publishFormVersion, type FormVersion } from "../lib/forms/publish";
import { defaultEnglishWording } from "../lib/forms/wording";
import { queryRows } from "../lib/db/sql";
import { saveSmsChannel, saveWhatsAppChannel } from "../lib/channels/settings.actions";
import { createWebhookEndpoint } from "../lib/webhooks/actions";
import { runWebhookPass } from "../lib/webhooks/worker";
import { createLedgerFixture, type LedgerFixture } from "./fixtures";
import { choiceTaps, testPhoneNumberId } from "./meta-cloud";
import { choiceId } from "../lib/forms/channel-wording";
import { signedInMember, testMeta } from "./staff";
import { startWebhookReceiver } from "./webhook-receiver";

export const testAppSecret = "meta-app-secret-for-tests";
export const testAccessToken = "EAAG-test-access-token";
export const testTwilioToken = "twilio-auth-token-for-tests";

export type ChannelFixture = LedgerFixture & {
  admin: ActiveSession;
  /** Keyword forms: JOIN on WhatsApp, OFFERS on SMS (offers and tips). */
  whatsappForm: FormVersion;
  smsForm: FormVersion;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
};

/** A published keyword form on the channel, offering the given categories (offers and tips unless told). */
export async function keywordForm(
  db: Db,
  fx: LedgerFixture,
  channel: "sms" | "whatsapp",
  keyword: string,
  categoryKeys: string[] = ["offers", "tips"],
): Promise<FormVersion> {
  const slug = categoryKeys.join("-") === "offers-tips" ? `${channel}-join` : `${channel}-${keyword.toLowerCase()}`;
  const form = await createForm(db, fx.workspace.id, { slug, name: `${channel} keyword ${keyword}`, channel, keyword });
  const wording = defaultEnglishWording(
    fx.workspace.businessName,
    fx.categories.filter((c) => categoryKeys.includes(c.key)),
  );
  // A sentence with markup characters, so the TwiML reply must escape it.
  if (categoryKeys.includes("offers"))
    wording.consent.offers = `Yes & please: send me <offers> from ${fx.workspace.businessName} by ${channel === "sms" ? "text" : "WhatsApp"}.`;
  return publishFormVersion(db, fx.workspace.id, form.id, {
    businessName: fx.workspace.businessName,
    privacyPolicyUrl: null,
    defaultLanguage: "en",
    categoryKeys,
    askConfirmation: false,
    languages: { en: wording },
  });
}

/**
 * A workspace with WhatsApp and Twilio connected through the settings actions, keyword forms on both channels,
 * and an outgoing webhook endpoint for opt-outs pointing at a local receiver.
 */
export async function createChannelFixture(db: Db): Promise<ChannelFixture> {
  const fx = await createLedgerFixture(db);
  const admin = await signedInMember(db, fx.workspace.id, "admin");
  const act = async (def: Parameters<typeof runWorkspaceAction>[0], input: Record<string, unknown>) => {
    const result = await runWorkspaceAction(def, db, admin, testMeta, { workspace: fx.workspace.slug, ...input });
    if (!result.ok) throw new Error(`${def.name}: ${result.message} ${JSON.stringify(result.fields)}`);
    return result;
  };
  await act(saveWhatsAppChannel, { phoneNumberId: testPhoneNumberId, appSecret: testAppSecret, accessToken: testAccessToken });
  await act(saveSmsChannel, { authToken: testTwilioToken });
  const receiver = await startWebhookReceiver();
  await act(createWebhookEndpoint, { url: receiver.url, description: "CRM", topics: ["consent.opt_out"] });
  return { ...fx, admin, receiver, whatsappForm: await keywordForm(db, fx, "whatsapp", "join"), smsForm: await keywordForm(db, fx, "sms", "offers") };
}

/**
 * The WhatsApp keyword form's choices, as its reply's buttons carry them. The form has two categories, so its
 * keyword alone records nothing: a person opts in by tapping them.
 */
export const joinChoices = (fx: ChannelFixture, keys: string[] = ["offers", "tips"]) =>
  keys.map((key) => ({ id: choiceId(fx.whatsappForm.id, key), title: fx.whatsappForm.content.languages.en!.categories?.[key]?.label ?? key }));

/** What a person sends to opt in to both of the WhatsApp keyword form's categories: a tap on each button. */
export const tapsToJoin = (fx: ChannelFixture, who: { phone?: string; userId?: string } | string, keys?: string[]) => choiceTaps(who, joinChoices(fx, keys));

/** Rows that any inbound message could write, for "nothing was recorded" checks. */
export async function ledgerCounts(db: Db, workspaceId: string) {
  const [row] = await queryRows<{ events: number; commands: number; outbox: number; inbound: number }>(
    db,
    sql`select (select count(*)::int from consent_events where workspace_id = ${workspaceId}) as events,
      (select count(distinct command_id)::int from consent_events where workspace_id = ${workspaceId}) as commands,
      (select count(*)::int from outbox where workspace_id = ${workspaceId}) as outbox,
      (select count(*)::int from inbound_messages where workspace_id = ${workspaceId}) as inbound`,
  );
  return row!;
}

/** The current state of each category for a number. */
export async function statesOf(db: Db, workspaceId: string, phone: string) {
  return statesWhere(db, workspaceId, sql`k.phone = ${phone}`);
}

/** statesOf for a contact known by its WhatsApp business-scoped user id (a username user, maybe with no number). */
export async function statesOfBsuid(db: Db, workspaceId: string, bsuid: string) {
  return statesWhere(db, workspaceId, sql`k.bsuid = ${bsuid}`);
}

async function statesWhere(db: Db, workspaceId: string, who: SQL) {
  const rows = await queryRows<{ key: string; state: string; opt_in_level: string | null }>(
    db,
    sql`select c.key, s.state, s.opt_in_level from subscriptions s join contacts k on k.id = s.contact_id join message_categories c on c.id = s.category_id
      where s.workspace_id = ${workspaceId} and ${who}`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.opt_in_level ? `${r.state}:${r.opt_in_level}` : r.state]));
}

/**
 * Runs an inbound opt-out and checks it was ONE ledger command with ONE outbox row, covering exactly the
 * categories expected, and that it reached the business once: the receiver fails twice, then accepts, and all
 * three attempts carry the same webhook id.
 */
export async function expectOneOptOutDelivered(db: Db, fx: ChannelFixture, categories: string[], run: () => Promise<void>) {
  await runWebhookPass(db, { retryDelays: [0, 0, 0, 0], allowPrivate: true });
  fx.receiver.received.length = 0;
  const before = await ledgerCounts(db, fx.workspace.id);
  fx.receiver.answerWith(500, 503);
  await run();
  const after = await ledgerCounts(db, fx.workspace.id);
  expect(after.commands - before.commands, "one ledger command").toBe(1);
  expect(after.outbox - before.outbox, "one outbox row").toBe(1);
  expect(after.events - before.events, "one event per category").toBe(categories.length);
  // As the worker does (it polls every second): passes until nothing is left pending. Under a loaded CI run a pass
  // once ended with the retry still pending (seen once in ~5 full runs, not reproduced alone); the assertion's
  // message carries the deliveries' state so a next occurrence says why.
  for (let pass = 0; pass < 5; pass++) {
    await runWebhookPass(db, { retryDelays: [0, 0, 0, 0], allowPrivate: true });
    if (fx.receiver.received.length >= 3) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const deliveries = await queryRows(
    db,
    sql`select status, attempts, next_attempt_at::text as next, last_error from webhook_deliveries where workspace_id = ${fx.workspace.id} and status <> 'delivered'`,
  );
  expect(fx.receiver.received, `received ${fx.receiver.received.length}; undelivered: ${JSON.stringify(deliveries)}`).toHaveLength(3);
  expect(new Set(fx.receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
  const body = JSON.parse(fx.receiver.received[2]!.body);
  expect(body.type).toBe("consent.opt_out");
  expect(body.data.events.map((e: { categoryKey: string }) => e.categoryKey).sort()).toEqual([...categories].sort());
  return body.data as { commandId: string; channel: string };
}
