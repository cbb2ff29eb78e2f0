import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../lib/db/client";
import { consentEvents, subscriptions } from "../lib/db/schema/ledger";
import { foldEvents } from "../lib/ledger/fold";

/** state = fold(events) for every contact and category of the workspace. */
export async function expectStateIsFoldOfEvents(db: Db, workspaceId: string) {
  const events = await db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.workspaceId, workspaceId))
    .orderBy(asc(consentEvents.contactId), asc(consentEvents.seq));
  const expected = new Map<string, ReturnType<typeof foldEvents>>();
  const grouped = new Map<string, typeof events>();
  for (const e of events) {
    const k = `${e.contactId}/${e.categoryId}`;
    grouped.set(k, [...(grouped.get(k) ?? []), e]);
  }
  for (const [k, list] of grouped) expected.set(k, foldEvents(list));
  const stored = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspaceId));
  expect(stored).toHaveLength(expected.size);
  for (const s of stored) {
    expect({ state: s.state, optInLevel: s.optInLevel }).toEqual(expected.get(`${s.contactId}/${s.categoryId}`));
  }
}

/**
 * What the channel fixture's workspace should show for one number after inbound words, in statesOf's form
 * ("opted_in:confirmed", "opted_out"): orders is a utility category, offers and tips marketing; the keyword forms
 * cover offers and tips, so their keyword alone records nothing: a WhatsApp person taps a category's button, an SMS
 * one answers the keyword's numbered question (WhatsApp opt-ins are confirmed, SMS ones single). `everIn` is what
 * a START may reopen; `asked`, whether an SMS keyword's question is waiting for its answer.
 */
export type PersonModel = { states: Record<string, string>; everIn: Set<string>; asked: boolean };
export type InboundWord =
  | "stop_all"
  | "stop_tips"
  | "stop_marketing"
  | "whatsapp_join"
  | "whatsapp_choose_offers"
  | "whatsapp_choose_tips"
  | "sms_join"
  | "sms_answer_2"
  | "sms_answer_1_2"
  | "sms_start"
  | "nothing";

export const newPersonModel = (): PersonModel => ({ states: {}, everIn: new Set(), asked: false });

export function applyInboundWord(person: PersonModel, word: InboundWord): void {
  const set = (keys: string[], state: string) => {
    for (const k of keys) person.states[k] = state;
  };
  const optIn = (keys: string[], level: "confirmed" | "single") => {
    for (const k of keys) {
      // Saying yes again does not undo a confirmation already given.
      if (person.states[k] !== "opted_in:confirmed") person.states[k] = `opted_in:${level}`;
      person.everIn.add(k);
    }
  };
  if (word === "stop_all") set(["orders", "offers", "tips"], "opted_out");
  if (word === "stop_tips") set(["tips"], "opted_out");
  if (word === "stop_marketing") set(["offers", "tips"], "opted_out");
  // Any clear stop drops the numbered question still waiting (decision 0024): a "2" after STOP is no answer.
  if (word.startsWith("stop_")) person.asked = false;
  // A keyword with two categories asks which and records nothing (on WhatsApp the buttons need no memory).
  if (word === "sms_join") person.asked = true;
  if (word === "whatsapp_choose_offers") optIn(["offers"], "confirmed");
  if (word === "whatsapp_choose_tips") optIn(["tips"], "confirmed");
  if (word === "sms_answer_2" && person.asked) optIn(["tips"], "single");
  if (word === "sms_answer_1_2" && person.asked) optIn(["offers", "tips"], "single");
  // Every stop in these runs came by the same channel, so START reopens whatever was agreed to before.
  if (word === "sms_start") for (const k of person.everIn) if (person.states[k] === "opted_out") person.states[k] = "opted_in:single";
}
