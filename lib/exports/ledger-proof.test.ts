import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbOrTx, Tx } from "../db/client";
import { auditLog } from "../db/schema/access";
import { consentEvents, contacts, ledgerCheckpointAnchors } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";
import { runWorkspaceAction } from "../handlers/workspace-action";
import { append } from "../ledger/append";
import { parseKeptHeadsFile } from "../ledger/anchor/kept-heads";
import { sealCheckpoint } from "../ledger/anchor/anchor";
import { canonicalCheckpoint } from "../ledger/hash";
import { verifyLedger } from "../ledger/verify";
import { createWebhookEndpoint } from "../webhooks/actions";
import { runWebhookPass } from "../webhooks/worker";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { disableLedgerTriggers, resealCheckpoints, rewriteContactChain } from "../../testing/ledger-tamper";
import { signedInMember, testMeta } from "../../testing/staff";
import { startTsaServer } from "../../testing/tsa-server";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { exportLedgerProof } from "./ledger-proof";
import { downloadLedgerProof } from "./routes";

/** The standalone verifier, run as a stranger runs it: its own process, the file, nothing else. */
const VERIFIER = path.resolve(import.meta.dirname, "../../packages/assent-verify/verify.mjs");

type Run = { code: number; stdout: string; stderr: string };
function runVerifier(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
async function verifyJson(args: string[]) {
  const run = await runVerifier([...args, "--json"]);
  if (run.code === 2) throw new Error(`the verifier refused its input: ${run.stderr}`);
  return { code: run.code, ...JSON.parse(run.stdout) };
}

class Rollback extends Error {}

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
/** Just enough of an openssl TSA configuration to answer one query with a token. */
const OPENSSL_TSA = `[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = ./serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
[ req ]
distinguished_name = dn
[ dn ]
[ v3_tsa ]
extendedKeyUsage = critical,timeStamping
`;

describe.each(testDatabaseKinds())("the ledger proof export and the standalone verifier on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let tsa: Awaited<ReturnType<typeof startTsaServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let dir: string;
  let file = 0;
  const victimPhone = testPhone(8201);
  const keptFile = () => path.join(dir, "kept-checkpoints.jsonl");

  async function exportTo(db: DbOrTx): Promise<string> {
    const out = path.join(dir, `proof-${++file}.jsonl`);
    let text = "";
    for await (const chunk of exportLedgerProof(db, fx.workspace.id)) text += chunk;
    await writeFile(out, text);
    return out;
  }

  /** Tampers inside a transaction that is rolled back; verify() and the export both see the tampered ledger. */
  async function tampered(tamper: (tx: Tx) => Promise<void>) {
    let seen: { proof: string; verify: Awaited<ReturnType<typeof verifyLedger>>; verifyKept: Awaited<ReturnType<typeof verifyLedger>> } | undefined;
    const kept = parseKeptHeadsFile(await readFile(keptFile(), "utf8"));
    await t.db
      .transaction(async (tx) => {
        await disableLedgerTriggers(tx);
        await tamper(tx);
        seen = {
          proof: await exportTo(tx),
          verify: await verifyLedger(tx, { workspaceId: fx.workspace.id }),
          verifyKept: await verifyLedger(tx, { workspaceId: fx.workspace.id, keptHeads: kept }),
        };
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    return seen!;
  }
  const victim = async (tx: DbOrTx) => (await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, victimPhone)))[0]!.id;
  const victimEvent = async (tx: DbOrTx, seq: number) =>
    (
      await tx
        .select()
        .from(consentEvents)
        .where(and(eq(consentEvents.contactId, await victim(tx)), eq(consentEvents.seq, seq)))
    )[0]!;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    tsa = await startTsaServer();
    receiver = await startWebhookReceiver();
    dir = await mkdtemp(path.join(tmpdir(), "assent-proof-"));
    const admin = await signedInMember(t.db, fx.workspace.id, "admin");
    const created = await runWorkspaceAction(createWebhookEndpoint, t.db, admin, testMeta, {
      workspace: fx.workspace.slug,
      url: receiver.url,
      description: "The business's own copy of the ledger heads",
      topics: ["ledger.checkpoint"],
    });
    if (!created.ok) throw new Error(created.message);
    const seal = async () => expect(await sealCheckpoint(t.db, fx.workspace.id, { tsaUrl: tsa.url })).toMatchObject({ anchored: true });

    // Checkpoint 1 seals a first contact; the victim's history (opt-in to two categories, then opt-out) is in
    // checkpoint 2; checkpoint 3 seals a later contact; one event after it is not sealed yet.
    await append(t.db, webOptIn(fx, testPhone(8200)));
    await seal();
    await append(t.db, webOptIn(fx, victimPhone, { categories: ["orders", "offers"], name: "Vera Victim" }));
    await append(t.db, apiOptOut(fx, victimPhone, ["orders", "offers"]));
    await seal();
    await append(t.db, webOptIn(fx, testPhone(8202)));
    await seal();
    await append(t.db, webOptIn(fx, testPhone(8203)));
    await runWebhookPass(t.db, { allowPrivate: true, retryDelays: [0, 0] });
    expect(receiver.received).toHaveLength(3);
    await writeFile(keptFile(), receiver.received.map((r) => r.body).join("\n"));
  });
  afterAll(async () => {
    try {
      await Promise.all([tsa?.close(), receiver?.close(), dir && rm(dir, { recursive: true, force: true })]);
    } finally {
      await t?.drop();
    }
  });

  it("exports a clean ledger that the verifier passes, with digests and never the plain personal data or the salt", async () => {
    const proof = await exportTo(t.db);
    const text = await readFile(proof, "utf8");
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      type: "header",
      format: "assent-ledger-proof",
      version: 1,
      workspaceId: fx.workspace.id,
      workspaceSlug: fx.workspace.slug,
    });
    expect(lines.at(-1)).toEqual({ type: "end", events: 7, checkpoints: 3, tokens: 3 });
    // Ledger order: each checkpoint right after the last event it seals.
    expect(lines.map((l) => (l.type === "checkpoint" ? `c${l.seq}` : l.type))).toEqual([
      "header",
      ...["event", "c1"],
      ...["event", "event", "event", "event", "c2"],
      ...["event", "c3"],
      "event",
      "end",
    ]);
    const [salt] = await t.db.select({ salt: workspaces.ledgerSalt }).from(workspaces).where(eq(workspaces.id, fx.workspace.id));
    for (const plain of [victimPhone, victimPhone.slice(1), "Vera Victim", salt!.salt]) expect(text).not.toContain(plain);
    expect(lines[3].event.nameDigest).toMatch(/^[0-9a-f]{64}$/);

    const run = await runVerifier([proof, "--anchors", keptFile()]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("OK: every event, chain, checkpoint and anchor verifies.");
    const result = await verifyJson([proof, "--anchors", keptFile()]);
    expect(result).toMatchObject({
      code: 0,
      ok: true,
      checked: { events: 7, contacts: 4, checkpoints: 3, tokens: 3, tokensVerified: 3, keptHeads: 3, keptHeadsMatching: 3, unsealedEvents: 1 },
      tsaCertificates: [{ sha256: tsa.certificateSha256 }],
      faults: [],
    });
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });

  it("downloads from the Ledger page as a stream the verifier passes, written to the audit log", async () => {
    const actor = { ...(await signedInMember(t.db, fx.workspace.id, "compliance")), workspace: fx.workspace, role: "compliance" as const };
    const response = await downloadLedgerProof.handle({ db: t.db, actor, meta: testMeta, request: new Request("http://localhost/"), params: {} });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="${fx.workspace.slug}-ledger-proof-\\d{4}-\\d{2}-\\d{2}\\.jsonl"$`),
    );
    const out = path.join(dir, "downloaded.jsonl");
    await writeFile(out, await response.text());
    expect(await verifyJson([out, "--anchors", keptFile()])).toMatchObject({
      code: 0,
      checked: { events: 7, checkpoints: 3, tokensVerified: 3, keptHeadsMatching: 3 },
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), eq(auditLog.action, "ledger.export")));
    expect(audits).toHaveLength(1);
  });

  it("names the same first checkpoint as verify() after a consistent rewrite, against the tokens and against the kept heads", async () => {
    const rewrite = async (tx: Tx) => {
      await rewriteContactChain(tx, await victim(tx), (e) => (e.action === "opt_out" ? { action: "opt_in", optInLevel: "single" } : {}));
      await resealCheckpoints(tx, fx.workspace.id);
    };
    const withTokens = await tampered(rewrite);
    expect(withTokens.verify.problems[0]).toMatchObject({ kind: "anchor_token_mismatch", checkpointSeq: 2 });
    const fromExport = await verifyJson([withTokens.proof]);
    expect(fromExport).toMatchObject({ code: 1, ok: false, checked: { tokens: 3, tokensVerified: 1 } });
    expect(fromExport.faults.map((f: any) => [f.kind, f.checkpointSeq])).toEqual([
      ["anchor_token_mismatch", 2],
      ["anchor_token_mismatch", 3],
    ]);
    expect(fromExport.faults[0].checkpointSeq).toBe(withTokens.verify.problems[0]!.checkpointSeq);
    const text = await runVerifier([withTokens.proof]);
    expect(text.stdout).toContain("FAULT: checkpoint 2 no longer matches its RFC 3161 timestamp");

    // The insider also deletes the tokens: the export alone is consistent, the business's copy is not.
    const withoutTokens = await tampered(async (tx) => {
      await rewrite(tx);
      await tx.delete(ledgerCheckpointAnchors);
    });
    expect(withoutTokens.verify.ok).toBe(true);
    expect(await verifyJson([withoutTokens.proof])).toMatchObject({ code: 0, ok: true, checked: { tokens: 0 } });
    expect(withoutTokens.verifyKept.problems[0]).toMatchObject({ kind: "anchor_head_mismatch", checkpointSeq: 2 });
    const againstKept = await verifyJson([withoutTokens.proof, "--anchors", keptFile()]);
    expect(againstKept.faults.map((f: any) => [f.kind, f.checkpointSeq])).toEqual([
      ["anchor_head_mismatch", 2],
      ["anchor_head_mismatch", 3],
    ]);
    expect(againstKept.faults[0].checkpointSeq).toBe(withoutTokens.verifyKept.problems[0]!.checkpointSeq);
  });

  it("names a changed event by its contact and seq", async () => {
    const changed = await tampered(async (tx) => {
      const e = await victimEvent(tx, 3);
      await tx.update(consentEvents).set({ action: "opt_in", optInLevel: "single" }).where(eq(consentEvents.id, e.id));
    });
    expect(changed.verify.problems[0]).toMatchObject({ kind: "event_hash_mismatch" });
    const result = await verifyJson([changed.proof]);
    expect(result.faults).toHaveLength(1);
    expect(result.faults[0]).toMatchObject({
      kind: "event_hash_mismatch",
      contactId: await victim(t.db),
      seq: 3,
      eventId: changed.verify.problems[0]!.eventId,
    });
    expect(result.faults[0].message).toContain("was altered");
  });

  it("names a deleted event: the gap in its contact's chain, then the checkpoint that sealed it", async () => {
    const deleted = await tampered(async (tx) => {
      const e = await victimEvent(tx, 1);
      await tx.execute(sql`delete from event_personal_data where event_id = ${e.id}`);
      await tx.delete(consentEvents).where(eq(consentEvents.id, e.id));
    });
    expect(deleted.verify.ok).toBe(false);
    const result = await verifyJson([deleted.proof]);
    expect(result.faults.map((f: any) => [f.kind, f.seq ?? f.checkpointSeq])).toEqual([
      ["sequence_gap", 2],
      ["checkpoint_events_mismatch", 2],
    ]);
    expect(result.faults[0]).toMatchObject({ contactId: await victim(t.db) });
    expect(result.faults[0].message).toContain("expected seq 1, found 2");
  });

  it("names events reordered in the ledger", async () => {
    const reordered = await tampered(async (tx) => {
      const [first, second] = [await victimEvent(tx, 1), await victimEvent(tx, 2)];
      await tx.update(consentEvents).set({ position: -1 }).where(eq(consentEvents.id, first.id));
      await tx.update(consentEvents).set({ position: first.position }).where(eq(consentEvents.id, second.id));
      await tx.update(consentEvents).set({ position: second.position }).where(eq(consentEvents.id, first.id));
    });
    expect(reordered.verify.problems[0]).toMatchObject({ kind: "checkpoint_events_mismatch", checkpointSeq: 2 });
    const result = await verifyJson([reordered.proof]);
    expect(result.faults[0]).toMatchObject({ kind: "sequence_gap", contactId: await victim(t.db), seq: 2 });
    expect(result.faults.map((f: any) => f.kind)).toContain("checkpoint_events_mismatch");
  });

  it("checks the token against the authority's certificate when given one", async () => {
    const proof = await exportTo(t.db);
    const right = path.join(dir, "tsa.pem");
    await writeFile(right, tsa.certificatePem);
    expect(await verifyJson([proof, "--tsa-cert", right])).toMatchObject({ code: 0, checked: { tokensVerified: 3 } });
    const other = await startTsaServer();
    const wrong = path.join(dir, "other-tsa.pem");
    await writeFile(wrong, other.certificatePem);
    await other.close();
    const result = await verifyJson([proof, "--tsa-cert", wrong]);
    expect(result).toMatchObject({ code: 1, faults: [{ kind: "anchor_token_mismatch", checkpointSeq: 1 }, {}, {}] });
    expect(result.faults[0].message).toContain("neither the --tsa-cert certificate nor issued by it");
  });

  // A token from a second implementation of RFC 3161 (openssl's own authority, RSA rather than the stand-in's ECDSA):
  // the verifier follows the format, not only what the app's authority writes.
  it.runIf(hasOpenssl)("verifies a token made by openssl's authority with RSA, and refuses one over another document", async () => {
    const lines = (await readFile(await exportTo(t.db), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const first = lines.find((l) => l.type === "checkpoint" && l.seq === 1);
    const work = await mkdtemp(path.join(dir, "openssl-"));
    await writeFile(path.join(work, "ts.cnf"), OPENSSL_TSA);
    await writeFile(path.join(work, "serial"), "01\n");
    await writeFile(path.join(work, "checkpoint.json"), canonicalCheckpoint({ ...first, createdAt: new Date(first.createdAt) }));
    await writeFile(path.join(work, "other.json"), "{}");
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: work, stdio: "pipe" });
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "tsa.key",
      "-out",
      "tsa.pem",
      "-days",
      "2",
      "-subj",
      "/CN=openssl test TSA",
      "-config",
      "ts.cnf",
      "-extensions",
      "v3_tsa",
    );
    const tokenFor = async (data: string) => {
      openssl("ts", "-query", "-data", data, "-sha256", "-cert", "-out", "q.tsq");
      openssl("ts", "-reply", "-queryfile", "q.tsq", "-inkey", "tsa.key", "-signer", "tsa.pem", "-config", "ts.cnf", "-token_out", "-out", "token.der");
      return (await readFile(path.join(work, "token.der"))).toString("base64");
    };
    const withToken = async (token: string) => {
      const out = path.join(work, `proof-${++file}.jsonl`);
      await writeFile(out, lines.map((l) => JSON.stringify(l === first ? { ...l, tsaToken: token } : l)).join("\n"));
      return out;
    };

    const good = await verifyJson([await withToken(await tokenFor("checkpoint.json"))]);
    expect(good).toMatchObject({ code: 0, checked: { tokens: 3, tokensVerified: 3 } });
    expect(good.tsaCertificates.map((c: any) => c.subject)).toEqual(["CN=openssl test TSA", "CN=Assent test TSA"]);
    const other = await verifyJson([await withToken(await tokenFor("other.json"))]);
    expect(other.faults).toEqual([expect.objectContaining({ kind: "anchor_token_mismatch", checkpointSeq: 1 })]);
    expect(other.faults[0].message).toContain("not the checkpoint's hash");
  });

  it("refuses input it cannot read as a proof with exit code 2 and says why", async () => {
    const proof = await exportTo(t.db);
    const lines = (await readFile(proof, "utf8")).trim().split("\n");
    const write = async (name: string, text: string) => {
      const p = path.join(dir, name);
      await writeFile(p, text);
      return p;
    };
    const cases: [string, string, string][] = [
      ["cut.jsonl", `${lines.slice(0, -2).join("\n")}\n`, "no end line: the file was cut short"],
      ["short.jsonl", `${[lines[0], ...lines.slice(2)].join("\n")}\n`, "the end line counts 7 events, 3 checkpoints, 3 tokens; the file holds 6, 3, 3"],
      ["garbled.jsonl", `${lines[0]}\n{not json\n`, "line 2: not JSON"],
      ["other.jsonl", '{"event_id":"x"}\n', "the first line must be the header of an Assent ledger proof"],
      ["empty.jsonl", "", "the file is empty"],
    ];
    for (const [name, text, message] of cases) {
      const run = await runVerifier([await write(name, text)]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toContain(message);
    }
    expect(await runVerifier([path.join(dir, "missing.jsonl")])).toMatchObject({ code: 2, stderr: expect.stringContaining("ENOENT") });
    expect(await runVerifier([])).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: assent-verify") });
  });
});
