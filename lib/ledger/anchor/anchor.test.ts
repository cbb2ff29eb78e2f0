import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tx } from "../../db/client";
import { contacts, ledgerCheckpointAnchors, ledgerCheckpoints, outbox } from "../../db/schema/ledger";
import { runWorkspaceAction } from "../../handlers/workspace-action";
import { createWebhookEndpoint } from "../../webhooks/actions";
import { runWebhookPass } from "../../webhooks/worker";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../../testing/fixtures";
import { deleteContact, disableLedgerTriggers, resealCheckpoints, rewriteContactChain } from "../../../testing/ledger-tamper";
import { signedInMember, testMeta } from "../../../testing/staff";
import { startTsaServer } from "../../../testing/tsa-server";
import { startWebhookReceiver } from "../../../testing/webhook-receiver";
import { append } from "../append";
import { createCheckpoint } from "../checkpoint";
import { verifyLedger } from "../verify";
import { anchorPending, sealCheckpoint } from "./anchor";
import { parseKeptHead, parseKeptHeadsFile, type KeptHead } from "./kept-heads";

class Rollback extends Error {}

describe.each(testDatabaseKinds())("checkpoints anchored outside the database on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let tsa: Awaited<ReturnType<typeof startTsaServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const victimPhone = testPhone(8101);
  const seal = () => sealCheckpoint(t.db, fx.workspace.id, { tsaUrl: tsa.url });
  const verify = (keptHeads: KeptHead[] = []) => verifyLedger(t.db, { workspaceId: fx.workspace.id, keptHeads });
  /** The business's copy: every ledger.checkpoint body its endpoint received (delivered in any order). */
  const keptCopy = () => parseKeptHeadsFile(receiver.received.map((r) => r.body).join("\n")).sort((a, b) => a.seq - b.seq);

  /** Tampers inside a transaction that is rolled back, so every case starts from the same honest ledger. */
  async function tampered<T>(tamper: (tx: Tx) => Promise<void>, check: (tx: Tx) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await t.db
      .transaction(async (tx) => {
        await disableLedgerTriggers(tx);
        await tamper(tx);
        result = await check(tx);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    return result as T;
  }
  const verifyIn = (tx: Tx, keptHeads: KeptHead[] = []) => verifyLedger(tx, { workspaceId: fx.workspace.id, keptHeads });
  const victimId = async (tx: Tx | TestDatabase["db"]) => (await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, victimPhone)))[0]!.id;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    tsa = await startTsaServer();
    receiver = await startWebhookReceiver();
    const admin = await signedInMember(t.db, fx.workspace.id, "admin");
    const created = await runWorkspaceAction(createWebhookEndpoint, t.db, admin, testMeta, {
      workspace: fx.workspace.slug,
      url: receiver.url,
      description: "The business's own copy of the ledger heads",
      topics: ["ledger.checkpoint"],
    });
    if (!created.ok) throw new Error(created.message);

    // Checkpoint 1 seals a first contact; the victim's history starts in checkpoint 2 (an opt-in, then an
    // opt-out), and checkpoint 3 seals a later contact.
    await append(t.db, webOptIn(fx, testPhone(8100)));
    expect(await seal()).toMatchObject({ checkpoint: { seq: 1 }, anchored: true });
    await append(t.db, webOptIn(fx, victimPhone, { categories: ["orders", "offers"] }));
    await append(t.db, apiOptOut(fx, victimPhone, ["orders", "offers"]));
    expect(await seal()).toMatchObject({ checkpoint: { seq: 2 }, anchored: true });
    await append(t.db, webOptIn(fx, testPhone(8102)));
    expect(await seal()).toMatchObject({ checkpoint: { seq: 3 }, anchored: true });
    await runWebhookPass(t.db, { allowPrivate: true, retryDelays: [0, 0] });
  });
  afterAll(async () => {
    try {
      await Promise.all([tsa?.close(), receiver?.close()]);
    } finally {
      await t?.drop();
    }
  });

  it("timestamps each checkpoint and sends the business a signed copy with the token", async () => {
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
    const kept = keptCopy();
    expect(kept.map((k) => [k.seq, Boolean(k.tsaToken), k.fields?.eventCount])).toEqual([
      [1, true, 1],
      [2, true, 4],
      [3, true, 1],
    ]);
    const result = await verify(kept);
    expect(result).toMatchObject({ ok: true, unsealedEvents: 0, unanchoredCheckpoints: 0 });
    expect(result.anchors[0]).toMatchObject({
      timestamped: 3,
      unanchored: 0,
      keptHeads: 3,
      keptHeadsMatching: 3,
      newestAnchoredHead: { seq: 3, source: "tsa" },
      eventsAfterAnchoredHead: 0,
    });
  });

  it("names the first rewritten checkpoint when a contact's chain and every checkpoint are recomputed", async () => {
    const rewrite = async (tx: Tx) => {
      // The attack: the victim's sealed opt-out becomes an opt-in, every hash and checkpoint recomputed.
      await rewriteContactChain(tx, await victimId(tx), (e) => (e.action === "opt_out" ? { action: "opt_in", optInLevel: "single" } : {}));
      await resealCheckpoints(tx, fx.workspace.id);
    };
    const withTokens = await tampered(rewrite, (tx) => verifyIn(tx));
    expect(withTokens.ok).toBe(false);
    // Everything inside the database is consistent again; only the timestamps contradict it, from checkpoint 2 on.
    expect(withTokens.problems.map((p) => [p.kind, p.checkpointSeq])).toEqual([
      ["anchor_token_mismatch", 2],
      ["anchor_token_mismatch", 3],
    ]);
    expect(withTokens.problems[0]!.message).toContain("checkpoint 2 no longer matches its RFC 3161 timestamp");
    expect(withTokens.anchors[0]!.newestAnchoredHead).toMatchObject({ seq: 1, source: "tsa" });

    // The insider also deletes the tokens: the database alone now verifies (that is the gap the anchors close)...
    const withoutTokens = await tampered(
      async (tx) => {
        await rewrite(tx);
        await tx.delete(ledgerCheckpointAnchors);
      },
      async (tx) => ({ alone: await verifyIn(tx), kept: await verifyIn(tx, keptCopy()), one: await verifyIn(tx, [parseKeptHead(`3:${keptCopy()[2]!.hash}`)]) }),
    );
    expect(withoutTokens.alone).toMatchObject({ ok: true, unanchoredCheckpoints: 3 });
    expect(withoutTokens.alone.anchors[0]!.newestAnchoredHead).toBeNull();
    // ...but not against the business's copy, which names checkpoint 2, or against a single head noted by hand.
    expect(withoutTokens.kept.problems.map((p) => [p.kind, p.checkpointSeq])).toEqual([
      ["anchor_head_mismatch", 2],
      ["anchor_head_mismatch", 3],
    ]);
    expect(withoutTokens.kept.anchors[0]!.newestAnchoredHead).toMatchObject({ seq: 1, source: "kept" });
    expect(withoutTokens.one.problems).toMatchObject([{ kind: "anchor_head_mismatch", checkpointSeq: 3 }]);
  });

  it("detects a deleted newest checkpoint against the kept head, and its re-sealing under the same number", async () => {
    const deleteNewest = async (tx: Tx) => {
      const [newest] = await tx
        .select()
        .from(ledgerCheckpoints)
        .where(and(eq(ledgerCheckpoints.workspaceId, fx.workspace.id), eq(ledgerCheckpoints.seq, 3)));
      await tx.delete(ledgerCheckpointAnchors).where(eq(ledgerCheckpointAnchors.checkpointId, newest!.id));
      await tx.delete(ledgerCheckpoints).where(eq(ledgerCheckpoints.id, newest!.id));
    };
    const result = await tampered(deleteNewest, async (tx) => ({ alone: await verifyIn(tx), kept: await verifyIn(tx, keptCopy()) }));
    expect(result.alone).toMatchObject({ ok: true, checkpoints: 2, unsealedEvents: 1 });
    expect(result.kept.problems).toMatchObject([{ kind: "anchor_checkpoint_missing", checkpointSeq: 3 }]);
    expect(result.kept.problems[0]!.message).toContain("checkpoint 3, whose head you kept");

    // Sealing again gives a new checkpoint 3 over the same events: it cannot have the kept hash (its time differs).
    const resealed = await tampered(
      async (tx) => {
        await deleteNewest(tx);
        expect(await createCheckpoint(tx as unknown as Db, fx.workspace.id)).toMatchObject({ seq: 3, eventCount: 1 });
      },
      (tx) => verifyIn(tx, keptCopy()),
    );
    expect(resealed.problems).toMatchObject([{ kind: "anchor_head_mismatch", checkpointSeq: 3 }]);
  });

  it("detects an unsealed contact deleted once a later checkpoint has been anchored", async () => {
    // A contact written after checkpoint 3: unsealed, not yet covered by any anchor.
    const late = await append(t.db, webOptIn(fx, testPhone(8103)));
    const before = await verify(keptCopy());
    expect(before).toMatchObject({ ok: true, unsealedEvents: 1 });
    expect(before.anchors[0]).toMatchObject({ newestAnchoredHead: { seq: 3 }, eventsAfterAnchoredHead: 1 });
    // The schedule seals and timestamps it, and the business receives checkpoint 4.
    expect(await seal()).toMatchObject({ checkpoint: { seq: 4, eventCount: 1 }, anchored: true });
    await runWebhookPass(t.db, { allowPrivate: true, retryDelays: [0, 0] });
    const kept = keptCopy();
    expect(kept.map((k) => k.seq)).toEqual([1, 2, 3, 4]);

    const removed = await tampered(
      async (tx) => {
        await deleteContact(tx, late.contactId);
        await resealCheckpoints(tx, fx.workspace.id);
        await tx.delete(ledgerCheckpointAnchors);
      },
      async (tx) => ({ alone: await verifyIn(tx), kept: await verifyIn(tx, kept) }),
    );
    expect(removed.alone.ok).toBe(true);
    expect(removed.kept.problems).toMatchObject([{ kind: "anchor_head_mismatch", checkpointSeq: 4 }]);
  });

  it("keeps a checkpoint the authority failed to timestamp, reports it, and timestamps it later", async () => {
    await append(t.db, webOptIn(fx, testPhone(8104)));
    const messagesBefore = await t.db.select().from(outbox).where(eq(outbox.topic, "ledger.checkpoint"));
    tsa.failNext(1);
    const sealed = await seal();
    expect(sealed).toMatchObject({ checkpoint: { seq: 5 }, anchored: false, anchorError: expect.stringContaining("HTTP 503") });
    // Sealed but not anchored: verify says so, and no copy has gone to the business yet (it waits for the token).
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 5, unanchoredCheckpoints: 1 });
    expect(await t.db.select().from(outbox).where(eq(outbox.topic, "ledger.checkpoint"))).toHaveLength(messagesBefore.length);

    expect(await anchorPending(t.db, tsa.url, { graceSeconds: 0 })).toBe(1);
    expect(await anchorPending(t.db, tsa.url, { graceSeconds: 0 })).toBe(0);
    const after = await verify();
    expect(after).toMatchObject({ ok: true, unanchoredCheckpoints: 0 });
    expect(after.anchors[0]!.newestAnchoredHead).toMatchObject({ seq: 5, source: "tsa" });
    const [message] = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, "ledger.checkpoint"), sql`${outbox.payload}->>'seq' = '5'`));
    expect((message!.payload as { tsaToken: string | null }).tsaToken).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("refuses a kept copy that was altered", async () => {
    const [first] = keptCopy();
    const altered = { ...first!, fields: { ...first!.fields!, eventCount: 99 } };
    expect((await verify([altered])).problems).toMatchObject([{ kind: "anchor_copy_invalid", checkpointSeq: 1 }]);
  });
});
