import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../../handlers/workspace-action";
import { inboundDeadLetters } from "../../db/schema/channels";
import { listDeadLetters } from "../dead-letters/queries";
import { createChannelFixture, ledgerCounts, statesOf, testTwilioToken, type ChannelFixture } from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone } from "../../../testing/fixtures";
import { signedInMember, testMeta } from "../../../testing/staff";
import { signedTwilioRequest, smsParams } from "../../../testing/twilio";
import { retryInboundDeadLetter } from "../dead-letters/actions";
import { openRaw } from "../dead-letters/store";
import { smsWebhookUrl } from "../settings";
import { receiveSmsWebhook } from "./webhook";

describe.each(testDatabaseKinds())("SMS dead letters on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let n = 7000;
  const send = (params: Record<string, string>) =>
    receiveSmsWebhook(t.db, fx.workspace.slug, signedTwilioRequest(smsWebhookUrl(fx.workspace.slug), params, testTwilioToken));
  const deadLetters = () => t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.workspaceId, fx.workspace.id));

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  it("a signed request without From is kept, sealed, with the missing field named", async () => {
    const params: Record<string, string> = smsParams(testPhone(++n), "STOP");
    delete params.From;
    const response = await send(params);
    expect(response.status).toBe(200);
    const [row] = (await deadLetters()).filter((d) => d.providerItemId === params.MessageSid);
    expect(row).toMatchObject({ channel: "sms", kind: "sms", reasonCode: "unreadable", reason: "A signed request without From.", phoneDigest: null });
    expect(row!.rawSealed).not.toContain("STOP");
    expect(new URLSearchParams(openRaw(row!.rawSealed!)).get("MessageSid")).toBe(params.MessageSid);
  });

  it("a STOP whose recording fails is kept and recorded once by Retry; a viewer sees the reason, not the text", async () => {
    const phone = testPhone(++n);
    await send(smsParams(phone, "OFFERS"));
    await send(smsParams(phone, "1 2"));
    const params = smsParams(phone, "STOP");
    await t.db.execute(sql.raw(`create function test_refuse_sms() returns trigger language plpgsql as $$ begin raise exception 'simulated outage'; end $$`));
    await t.db.execute(
      sql.raw(
        `create trigger test_refuse_sms before insert on inbound_messages for each row when (new.message_id = '${params.MessageSid}') execute function test_refuse_sms()`,
      ),
    );
    expect((await send(params)).status).toBe(200);
    await t.db.execute(sql.raw(`drop trigger test_refuse_sms on inbound_messages`));
    await t.db.execute(sql.raw(`drop function test_refuse_sms()`));
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ offers: "opted_in:single", tips: "opted_in:single" });
    const [dead] = (await deadLetters()).filter((d) => d.providerItemId === params.MessageSid);
    expect(dead).toMatchObject({ reasonCode: "handler_error", resolvedAt: null });

    const forViewer = await listDeadLetters(t.db, fx.workspace.id, {}, { withContent: false });
    expect(forViewer.rows.find((r) => r.id === dead!.id)).toMatchObject({ reason: dead!.reason, content: null });
    const forCompliance = await listDeadLetters(t.db, fx.workspace.id, { status: "open" }, { withContent: true });
    expect(forCompliance.rows.find((r) => r.id === dead!.id)!.content).toContain("Body=STOP");
    // Another workspace's list does not hold it.
    const other = await createChannelFixture(t.db);
    expect((await listDeadLetters(t.db, other.workspace.id, {}, { withContent: true })).rows.map((r) => r.id)).not.toContain(dead!.id);
    await other.receiver.close();

    const before = await ledgerCounts(t.db, fx.workspace.id);
    const compliance = await signedInMember(t.db, fx.workspace.id, "compliance");
    const result = await runWorkspaceAction(retryInboundDeadLetter, t.db, compliance, testMeta, { workspace: fx.workspace.slug, deadLetterId: dead!.id });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^Recorded/) });
    expect(await statesOf(t.db, fx.workspace.id, phone)).toEqual({ orders: "opted_out", offers: "opted_out", tips: "opted_out" });
    expect((await ledgerCounts(t.db, fx.workspace.id)).commands - before.commands).toBe(1);
    // Twilio's own retry of the same MessageSid now records nothing more.
    await send(params);
    expect((await ledgerCounts(t.db, fx.workspace.id)).commands - before.commands).toBe(1);
    expect((await listDeadLetters(t.db, fx.workspace.id, { status: "resolved" }, { withContent: false })).rows.map((r) => r.id)).toContain(dead!.id);
  });
});
