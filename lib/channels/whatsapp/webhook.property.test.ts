import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundDeadLetters } from "../../db/schema/channels";
import { createChannelFixture, ledgerCounts, statesOf, statesOfBsuid, testAppSecret, type ChannelFixture } from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone } from "../../../testing/fixtures";
import {
  bsuidFailedStatusItem,
  bsuidTextItems,
  bsuidUserPreference,
  failedStatus,
  messagesNotification,
  newBsuid,
  newWamid,
  signedMetaRequest,
  textItems,
  userPreference,
  waId,
  choiceTapItems,
} from "../../../testing/meta-cloud";
import { choiceId } from "../../forms/channel-wording";
import { applyInboundWord, expectStateIsFoldOfEvents, newPersonModel, type PersonModel } from "../../../testing/inbound-model";
import { whatsappWebhookUrl } from "../settings";
import { receiveWhatsAppWebhook } from "./webhook";

/**
 * What one generated item is: readable ones change consent (or nothing, for "hello"); broken ones cannot be recorded.
 * People 0-2 are known by number (WhatsApp shares it); 3 and 4 are username users Meta names only by their BSUID.
 */
const PEOPLE = 5;
const BY_NUMBER = 3;
const readable = fc.oneof(
  fc.record({
    kind: fc.constant("text" as const),
    person: fc.nat(PEOPLE - 1),
    word: fc.constantFrom("STOP", "JOIN", "TAP offers", "TAP tips", "STOP tips", "hello"),
    numericTime: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("stop_status" as const), person: fc.nat(PEOPLE - 1), numericTime: fc.boolean() }),
  fc.record({ kind: fc.constant("stop_preference" as const), person: fc.nat(PEOPLE - 1), numericTime: fc.boolean() }),
);
const broken = fc.record({
  kind: fc.constant("broken" as const),
  person: fc.nat(BY_NUMBER - 1),
  how: fc.constantFrom("no_id", "bad_type", "bad_timestamp", "no_sender", "bad_sender", "bad_change", "bad_entry"),
});
const item = fc.oneof({ arbitrary: readable, weight: 2 }, { arbitrary: broken, weight: 1 });
type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

/** A tap on one of the JOIN reply's buttons ("TAP offers"): the fixture's WhatsApp form version and that category. */
let tapVersionId = "";
const tapItems = (who: { phone?: string; userId?: string }, word: string) => {
  const key = word.slice(4);
  return choiceTapItems(who, choiceId(tapVersionId, key), key);
};
const textWords = {
  STOP: "stop_all",
  "STOP tips": "stop_tips",
  JOIN: "whatsapp_join",
  "TAP offers": "whatsapp_choose_offers",
  "TAP tips": "whatsapp_choose_tips",
  hello: "nothing",
} as const;

let unique = 0;
const at = (numeric: boolean) => (numeric ? 1_700_000_000 + ++unique : String(1_700_000_000 + ++unique));
const itemsOf = (payload: { entry: { changes: { value: Record<string, unknown[]> }[] }[] }) => payload.entry[0]!.changes[0]!.value;

/**
 * Builds one signed notification from the items, as Meta batches them: the items are cut into entries, each
 * entry's messages and statuses share one "messages" change and its preferences one "user_preferences" change.
 * Returns the body and the readable items in the order the webhook handles them.
 */
function buildNotification(items: Item[], cuts: number[], phones: string[], bsuids: string[]) {
  const entries: unknown[] = [];
  const order: Item[] = [];
  let brokenCount = 0;
  const groups: Item[][] = [[]];
  items.forEach((it, i) => {
    if (cuts.includes(i) && groups.at(-1)!.length > 0) groups.push([]);
    groups.at(-1)!.push(it);
  });
  for (const group of groups) {
    const contacts: unknown[] = [];
    const messages: unknown[] = [];
    const statuses: unknown[] = [];
    const preferences: unknown[] = [];
    const extraChanges: unknown[] = [];
    const readableMessages: Item[] = [];
    const readableStatuses: Item[] = [];
    const readablePreferences: Item[] = [];
    let badEntries = 0;
    for (const it of group) {
      const phone = phones[it.person]!;
      const bsuid = bsuids[it.person - BY_NUMBER];
      if (it.kind !== "broken" && bsuid) {
        // A username user, in Meta's BSUID-only shapes: no from / recipient_id / wa_id.
        if (it.kind === "text") {
          const made = it.word.startsWith("TAP ") ? tapItems({ userId: bsuid }, it.word) : bsuidTextItems(bsuid, it.word);
          contacts.push(made.contact);
          messages.push({ ...made.message, timestamp: at(it.numericTime) });
          readableMessages.push(it);
        } else if (it.kind === "stop_status") {
          statuses.push({ ...bsuidFailedStatusItem(bsuid), timestamp: at(it.numericTime) });
          readableStatuses.push(it);
        } else {
          const preference = itemsOf(bsuidUserPreference(bsuid, "stop") as never).user_preferences![0] as Record<string, unknown>;
          preferences.push({ ...preference, timestamp: at(it.numericTime) });
          readablePreferences.push(it);
        }
      } else if (it.kind === "text") {
        const made = it.word.startsWith("TAP ") ? tapItems({ phone }, it.word) : textItems(phone, it.word);
        contacts.push(made.contact);
        messages.push({ ...made.message, timestamp: at(it.numericTime) });
        readableMessages.push(it);
      } else if (it.kind === "stop_status") {
        const status = itemsOf(failedStatus(phone) as never).statuses![0] as Record<string, unknown>;
        statuses.push({ ...status, timestamp: at(it.numericTime) });
        readableStatuses.push(it);
      } else if (it.kind === "stop_preference") {
        const preference = itemsOf(userPreference(phone, "stop") as never).user_preferences![0] as Record<string, unknown>;
        preferences.push({ ...preference, timestamp: at(it.numericTime) });
        readablePreferences.push(it);
      } else {
        brokenCount++;
        const body = `broken ${++unique}`;
        if (it.how === "no_id") messages.push({ from: waId(phone), timestamp: at(false), type: "text", text: { body } });
        if (it.how === "bad_type") messages.push({ from: waId(phone), id: newWamid(), timestamp: at(false), type: 42, text: { body } });
        if (it.how === "bad_timestamp") messages.push({ from: waId(phone), id: newWamid(), timestamp: { seconds: 1 }, type: "text", text: { body } });
        // A 131050 naming neither a wa_id nor a BSUID, and one whose ids are both unusable (statuses carry no
        // contacts, so neither can borrow a neighbour's).
        const { recipient_user_id: _, ...anonymous } = bsuidFailedStatusItem(newBsuid());
        if (it.how === "no_sender") statuses.push(anonymous);
        if (it.how === "bad_sender") statuses.push({ ...anonymous, recipient_id: "0", recipient_user_id: "not a bsuid" });
        if (it.how === "bad_change") extraChanges.push({ field: "messages", value: { messaging_product: "whatsapp", messages: body } });
        if (it.how === "bad_entry") badEntries++;
      }
    }
    const changes: unknown[] = [];
    if (messages.length || statuses.length) changes.push(messagesNotification({ contacts, messages, statuses }).entry[0]!.changes[0]);
    if (preferences.length) changes.push(messagesNotification({ user_preferences: preferences }, "user_preferences").entry[0]!.changes[0]);
    changes.push(...extraChanges);
    entries.push({ id: "102290129340398", time: Math.floor(Date.now() / 1000), changes });
    // One unreadable entry per such item (each its own dead letter, told apart by its time).
    for (let i = 0; i < badEntries; i++) entries.push({ id: "102290129340398", time: ++unique, changes: { not: "a list" } });
    order.push(...readableMessages, ...readableStatuses, ...readablePreferences);
  }
  return { body: { object: "whatsapp_business_account", entry: entries }, order, brokenCount };
}

/** The model of each person, by index (number people first, then BSUID ones). */
function expectedStates(order: Item[]): PersonModel[] {
  const model = Array.from({ length: PEOPLE }, newPersonModel);
  for (const it of order) {
    const person = model[it.person]!;
    if (it.kind === "text") applyInboundWord(person, textWords[it.word]);
    else if (it.kind === "stop_status" || it.kind === "stop_preference") applyInboundWord(person, "stop_marketing");
  }
  return model;
}

describe.each(testDatabaseKinds())("WhatsApp webhook property on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 4000;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    tapVersionId = fx.whatsappForm.id;
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  it("any mix of readable and unreadable items in one signed notification: every readable one is recorded, the rest dead-lettered, state = fold(events)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 8 }), fc.uniqueArray(fc.nat(7), { maxLength: 3 }), async (items, cuts) => {
        const phones = Array.from({ length: BY_NUMBER }, () => testPhone(++n));
        const bsuids = Array.from({ length: PEOPLE - BY_NUMBER }, newBsuid);
        const { body, order, brokenCount } = buildNotification(items, cuts, phones, bsuids);
        const deadBefore = await t.db.$count(inboundDeadLetters, eq(inboundDeadLetters.workspaceId, fx.workspace.id));
        const before = await ledgerCounts(t.db, fx.workspace.id);
        const response = await receiveWhatsAppWebhook(t.db, fx.workspace.slug, signedMetaRequest(whatsappWebhookUrl(fx.workspace.slug), body, testAppSecret), {
          sender: async () => undefined,
        });
        expect(response.status).toBe(200);
        // Every readable item claimed (recorded once), every broken one kept.
        expect((await ledgerCounts(t.db, fx.workspace.id)).inbound - before.inbound).toBe(order.length);
        expect((await t.db.$count(inboundDeadLetters, eq(inboundDeadLetters.workspaceId, fx.workspace.id))) - deadBefore).toBe(brokenCount);
        const model = expectedStates(order);
        for (const [i, phone] of phones.entries()) expect(await statesOf(t.db, fx.workspace.id, phone), phone).toEqual(model[i]!.states);
        for (const [i, bsuid] of bsuids.entries()) expect(await statesOfBsuid(t.db, fx.workspace.id, bsuid), bsuid).toEqual(model[BY_NUMBER + i]!.states);
        await expectStateIsFoldOfEvents(t.db, fx.workspace.id);
      }),
      { numRuns: kind === "pglite" ? 20 : 15 },
    );
  });
});
