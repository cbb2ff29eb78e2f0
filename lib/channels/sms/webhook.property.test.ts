import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundDeadLetters } from "../../db/schema/channels";
import { createChannelFixture, ledgerCounts, statesOf, testTwilioToken, type ChannelFixture } from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone } from "../../../testing/fixtures";
import { applyInboundWord, expectStateIsFoldOfEvents, newPersonModel } from "../../../testing/inbound-model";
import { signedTwilioRequest, smsParams } from "../../../testing/twilio";
import { smsWebhookUrl } from "../settings";
import { receiveSmsWebhook } from "./webhook";

const words = {
  STOP: "stop_all",
  "STOP tips": "stop_tips",
  OFFERS: "sms_join",
  "2": "sms_answer_2",
  "1 2": "sms_answer_1_2",
  START: "sms_start",
  HELP: "nothing",
  hello: "nothing",
} as const;
const request = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("readable" as const),
      person: fc.nat(2),
      word: fc.constantFrom(...(Object.keys(words) as (keyof typeof words)[])),
    }),
  },
  // Signed, but without MessageSid or From, or from something that is no number (the ledger refuses it).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("broken" as const), person: fc.nat(2), how: fc.constantFrom("no_sid", "no_from", "not_a_number") }) },
);

/** Twilio sends one message per request; the property is over any sequence of them, readable or not. */
describe.each(testDatabaseKinds())("SMS webhook property on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 6000;
  let unique = 0;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  it("any sequence of signed requests: every readable one is recorded, the rest dead-lettered, state = fold(events)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 8 }), async (requests) => {
        const phones = [testPhone(++n), testPhone(++n), testPhone(++n)];
        const model = new Map(phones.map((p) => [p, newPersonModel()]));
        const deadBefore = await t.db.$count(inboundDeadLetters, eq(inboundDeadLetters.workspaceId, fx.workspace.id));
        const before = await ledgerCounts(t.db, fx.workspace.id);
        for (const r of requests) {
          const phone = phones[r.person]!;
          const params: Record<string, string> = smsParams(phone, r.kind === "readable" ? r.word : `broken ${++unique}`);
          if (r.kind === "broken" && r.how === "no_sid") for (const k of ["MessageSid", "SmsSid", "SmsMessageSid"]) delete params[k];
          if (r.kind === "broken" && r.how === "no_from") delete params.From;
          // A STOP, so the ledger has a number to refuse.
          if (r.kind === "broken" && r.how === "not_a_number") Object.assign(params, { From: `not-a-number-${unique}`, Body: "STOP" });
          const response = await receiveSmsWebhook(t.db, fx.workspace.slug, signedTwilioRequest(smsWebhookUrl(fx.workspace.slug), params, testTwilioToken));
          expect(response.status).toBe(200);
          if (r.kind === "readable") applyInboundWord(model.get(phone)!, words[r.word]);
        }
        const readable = requests.filter((r) => r.kind === "readable").length;
        expect((await ledgerCounts(t.db, fx.workspace.id)).inbound - before.inbound).toBe(readable);
        expect((await t.db.$count(inboundDeadLetters, eq(inboundDeadLetters.workspaceId, fx.workspace.id))) - deadBefore).toBe(requests.length - readable);
        for (const phone of phones) expect(await statesOf(t.db, fx.workspace.id, phone), phone).toEqual(model.get(phone)!.states);
        await expectStateIsFoldOfEvents(t.db, fx.workspace.id);
      }),
      {
        numRuns: kind === "pglite" ? 20 : 15,
        // Found by CI: a STOP between a keyword and its answer drops the question, so the "2" opts in to nothing.
        examples: [
          [
            [
              { kind: "readable", person: 0, word: "OFFERS" },
              { kind: "readable", person: 0, word: "STOP" },
              { kind: "readable", person: 0, word: "2" },
            ],
          ],
        ],
      },
    );
  });
});
