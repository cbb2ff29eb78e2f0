import { PassThrough } from "node:stream";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys, auditLog } from "../lib/db/schema/access";
import { append } from "../lib/ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/databases";
import { createLedgerFixture, webOptIn, type LedgerFixture } from "../testing/fixtures";
import { UsageError } from "./args";
import * as apiKeyCreate from "./commands/api-key-create";
import * as auditExport from "./commands/audit-export";
import * as eventsExport from "./commands/events-export";
import * as importCsv from "./commands/import-csv";
import { writeFileSync } from "node:fs";
import * as ledgerCheckpoint from "./commands/ledger-checkpoint";
import * as ledgerExport from "./commands/ledger-export";
import * as ledgerVerify from "./commands/ledger-verify";
import * as userCreate from "./commands/user-create";
import * as userResetLink from "./commands/user-reset-link";
import * as workspaceCreate from "./commands/workspace-create";
import { findWorkspaceBySlug } from "../lib/workspace/queries";
import { checkCredentials } from "../lib/auth/credentials";
import { resetPassword } from "../lib/members/accept";

async function capture(run: (out: PassThrough) => Promise<number>): Promise<{ code: number; text: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const code = await run(out);
  out.end();
  return { code, text: Buffer.concat(chunks).toString("utf8") };
}

describe.each(testDatabaseKinds())("CLI commands on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    await append(t.db, webOptIn(fx, "+12015550161", { categories: ["orders", "offers"], name: 'Ana "A", Jr' }));
  });
  afterAll(() => t?.drop());
  const slug = () => fx.workspace.slug;

  it("imports a CSV: prints each bad row, writes the good ones, and writes nothing new the second time", async () => {
    // A workspace of its own, so the other commands' counts are untouched.
    const ws = (await createLedgerFixture(t.db)).workspace.slug;
    const dir = mkdtempSync(path.join(tmpdir(), "assent-import-"));
    const file = path.join(dir, "fair.csv");
    writeFileSync(
      file,
      "phone,categories,channel,occurred_at,source\n+12015550171,orders,paper,2026-03-01,Fair\nnope,orders,paper,2026-03-01,Fair\n+12015550172,orders;offers,web,2026-03-02,Fair\n",
    );
    try {
      const first = await capture((out) => importCsv.run(t.db, [file, "--workspace", ws], out));
      expect(first.code).toBe(3);
      expect(first.text).toMatch(/3 rows, 2 good, 1 with problems/);
      expect(first.text).toMatch(/row 3, phone: /);
      expect(first.text).toMatch(/Done: 2 written, 0 already imported/);
      const second = await capture((out) => importCsv.run(t.db, [file, "--workspace", ws], out));
      expect(second.text).toMatch(/Done: 0 written, 2 already imported/);
      const dry = await capture((out) => importCsv.run(t.db, [file, "--workspace", ws, "--dry-run"], out));
      expect(dry.text).toMatch(/Dry run: nothing was written/);
      await expect(importCsv.run(t.db, ["--workspace", ws], new PassThrough())).rejects.toThrow(UsageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creates a second business's workspace with its owner, who can sign in; bad or taken arguments create nothing", async () => {
    const ws = `second-${Date.now().toString(36)}`;
    const { code, text } = await capture((out) =>
      workspaceCreate.run(t.db, ["--slug", ws, "--business", "Brew & Co", "--owner", "Owner@Brew.example", "--country", "in"], out),
    );
    expect(code).toBe(0);
    expect(text).toMatch(
      new RegExp(`Created the workspace "${ws}" for Brew & Co, with owner@brew.example as its owner[\\s\\S]*Password \\(shown only now\\): (\\S{16})`),
    );
    const password = /Password \(shown only now\): (\S{16})/.exec(text)![1]!;
    expect(await findWorkspaceBySlug(t.db, ws)).toMatchObject({ businessName: "Brew & Co", legalName: "Brew & Co", defaultCountry: "IN" });
    expect(await checkCredentials(t.db, { email: "owner@brew.example", password, ip: "192.0.2.91" })).toMatchObject({ ok: true });
    for (const [argv, reason] of [
      [["--slug", ws, "--business", "Again", "--owner", "a@b.co"], /already exists/],
      [["--slug", "Not A Slug!", "--business", "X", "--owner", "a@b.co"], /--slug Use 1–40 lower-case letters/],
      [["--slug", "fine-slug", "--business", "X", "--owner", "nobody"], /--owner is not an email address/],
      [["--slug", "fine-slug", "--business", "X", "--owner", "a@b.co", "--country", "ZZ"], /--country must be a two-letter country code/],
      [["--slug", "fine-slug", "--owner", "a@b.co"], /--business/],
    ] as const) {
      await expect(workspaceCreate.run(t.db, [...argv], new PassThrough()), String(reason)).rejects.toThrow(reason);
    }
    expect(await findWorkspaceBySlug(t.db, "fine-slug")).toBeUndefined();
  });

  it("creates a user with a generated password printed once, and refuses bad arguments", async () => {
    const { code, text } = await capture((out) => userCreate.run(t.db, ["--workspace", slug(), "--email", "Ana@Example.com", "--role", "compliance"], out));
    expect(code).toBe(0);
    expect(text).toMatch(/Created Ana@Example.com as compliance[\s\S]*Password \(shown only now\): \S{16}/);
    await expect(userCreate.run(t.db, ["--workspace", slug(), "--email", "x@y.co", "--role", "king"], new PassThrough())).rejects.toThrow(UsageError);
    await expect(userCreate.run(t.db, ["--workspace", slug(), "--email", "not-an-email", "--role", "viewer"], new PassThrough())).rejects.toThrow(
      /not an email/,
    );
    await expect(userCreate.run(t.db, ["--workspace", "nope", "--email", "x@y.co", "--role", "viewer"], new PassThrough())).rejects.toThrow(
      /no workspace "nope"/,
    );
  });

  it("prints a reset link for an account, written to the audit log of every workspace it belongs to", async () => {
    const other = (await createLedgerFixture(t.db)).workspace.slug;
    await userCreate.run(
      t.db,
      ["--workspace", slug(), "--email", "cy@example.com", "--role", "viewer", "--password", "cy's first password"],
      new PassThrough(),
    );
    await userCreate.run(t.db, ["--workspace", other, "--email", "cy@example.com", "--role", "owner"], new PassThrough());
    const { code, text } = await capture((out) => userResetLink.run(t.db, ["--email", "CY@example.com"], out));
    expect(code).toBe(0);
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
    await resetPassword(t.db, token, "cy's second password");
    expect(await checkCredentials(t.db, { email: "cy@example.com", password: "cy's second password", ip: "192.0.2.90" })).toMatchObject({ ok: true });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "password.reset-link"));
    expect(rows.filter((r) => r.actorLabel === "cli")).toHaveLength(2);
    await expect(userResetLink.run(t.db, ["--email", "nobody@example.com"], new PassThrough())).rejects.toThrow(/no account/);
  });

  it("creates an API key shown once and refuses unknown scopes", async () => {
    const { text } = await capture((out) => apiKeyCreate.run(t.db, ["--workspace", slug(), "--name", "crm", "--scopes", "consents:read,consents:write"], out));
    expect(text).toMatch(/ask_[A-Za-z0-9_-]{32}/);
    await expect(apiKeyCreate.run(t.db, ["--workspace", slug(), "--name", "x", "--scopes", "root"], new PassThrough())).rejects.toThrow(/unknown scope root/);
  });

  it("api-key:create --per-minute gives the key its own limit, and refuses a bad one with a usage error, creating nothing", async () => {
    const keys = () => t.db.select({ name: apiKeys.name, limit: apiKeys.rateLimitPerMinute }).from(apiKeys).where(eq(apiKeys.workspaceId, fx.workspace.id));
    const before = (await keys()).length;
    const made = await capture((out) =>
      apiKeyCreate.run(t.db, ["--workspace", slug(), "--name", "sender", "--scopes", "consents:read", "--per-minute", "12000"], out),
    );
    expect(made.text).toMatch(/12000 requests a minute/);
    expect(await keys()).toContainEqual({ name: "sender", limit: 12000 });
    const plain = await capture((out) => apiKeyCreate.run(t.db, ["--workspace", slug(), "--name", "plain", "--scopes", "consents:read"], out));
    expect(plain.text).toMatch(/6000 requests a minute, the default/);
    expect(await keys()).toContainEqual({ name: "plain", limit: null });
    for (const bad of ["0", "1000001", "1.5", "abc", ""]) {
      const refused = await apiKeyCreate
        .run(t.db, ["--workspace", slug(), "--name", "bad", "--scopes", "consents:read", "--per-minute", bad], new PassThrough())
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refused, bad).toBeInstanceOf(UsageError);
      expect((refused as Error).message, bad).toMatch(/^--per-minute/);
    }
    expect(await keys()).toHaveLength(before + 2);
  });

  it("checkpoints and verifies", async () => {
    const cp = await capture((out) => ledgerCheckpoint.run(t.db, ["--workspace", slug()], out));
    expect(cp.text).toMatch(/checkpoint 1 sealed 2 events/);
    const again = await capture((out) => ledgerCheckpoint.run(t.db, ["--workspace", slug()], out));
    expect(again.text).toMatch(/nothing new to seal/);
    const verified = await capture((out) => ledgerVerify.run(t.db, ["--workspace", slug()], out));
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.text).toMatch(/2 events, 1 checkpoints[\s\S]*OK/);

    // The head as ledger:checkpoint printed it, kept by the operator: it matches; any other hash does not.
    const hash = /hash ([0-9a-f]{64})/.exec(cp.text)![1]!;
    const anchored = await capture((out) => ledgerVerify.run(t.db, ["--workspace", slug(), "--anchor", `1:${hash}`], out));
    expect(anchored).toMatchObject({ code: 0 });
    expect(anchored.text).toMatch(/1 of 1 kept heads match; newest anchored head: checkpoint 1 \(your kept copy/);
    const other = `1:${"0".repeat(64)}`;
    const mismatch = await capture((out) => ledgerVerify.run(t.db, ["--workspace", slug(), "--anchor", other], out));
    expect(mismatch).toMatchObject({ code: 1 });
    expect(mismatch.text).toMatch(/FAILED: 1 problem\(s\)\. The first:\n {2}checkpoint 1 no longer matches the head you kept/);
    const gone = await capture((out) => ledgerVerify.run(t.db, ["--workspace", slug(), "--anchor", `2:${hash}`], out));
    expect(gone.text).toMatch(/checkpoint 2, whose head you kept .* is no longer in the ledger/);
    for (const bad of [
      ["--anchor", "1:abc"],
      ["--anchor", `x:${hash}`],
      ["--anchors", "/nonexistent/heads.jsonl"],
    ]) {
      const refused = await ledgerVerify.run(t.db, ["--workspace", slug(), ...bad], new PassThrough()).catch((e: unknown) => e);
      expect(refused, bad.join(" ")).toBeInstanceOf(UsageError);
    }
    const noWorkspace = await ledgerVerify.run(t.db, ["--anchor", `1:${hash}`], new PassThrough()).catch((e: unknown) => e);
    expect((noWorkspace as Error).message).toMatch(/needs --workspace/);
  });

  it("exports events as CSV and JSON Lines and records the export in the audit log", async () => {
    const csv = await capture((out) => eventsExport.run(t.db, ["--workspace", slug()], out));
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe(
      "position,event_id,occurred_at,recorded_at,phone,category,action,channel,opt_in_level,form_version_id,language,evidence,actor,ip,user_agent,note,prev_hash,hash,user_id,business_name,legal_name",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(",+12015550161,orders,opt_in,web,single");
    const jsonl = await capture((out) => eventsExport.run(t.db, ["--workspace", slug(), "--format", "jsonl", "--from", "2000-01-01"], out));
    const rows = jsonl.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { category: string; ip: string });
    expect(rows.map((r) => r.category)).toEqual(["orders", "offers"]);
    expect(rows[0]!.ip).toBe("203.0.113.7");
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, fx.workspace.id));
    expect(audits.filter((a) => a.action === "events.export")).toHaveLength(2);
    await expect(eventsExport.run(t.db, ["--workspace", slug(), "--format", "xml"], new PassThrough())).rejects.toThrow(/csv or jsonl/);
    await expect(eventsExport.run(t.db, ["--workspace", slug(), "--from", "yesterday"], new PassThrough())).rejects.toThrow(/not a date/);
  });

  it("exports the audit log as CSV for a range of days, records the export, and refuses a bad range", async () => {
    const ws = await createLedgerFixture(t.db);
    await t.db.insert(auditLog).values([
      {
        workspaceId: ws.workspace.id,
        actorLabel: "a@example.com",
        action: "ledger.verify",
        detail: { ok: true, events: 1, contacts: 1 },
        createdAt: new Date("2026-03-01T09:00:00Z"),
      },
      {
        workspaceId: ws.workspace.id,
        actorLabel: "b@example.com",
        action: "webhook.test",
        detail: { url: "https://x.example/h" },
        createdAt: new Date("2026-03-03T09:00:00Z"),
      },
    ]);
    const all = await capture((out) => auditExport.run(t.db, ["--workspace", ws.workspace.slug], out));
    expect(all.code).toBe(0);
    expect(all.text.trim().split("\n")).toEqual([
      "time,actor,action,sentence,target_type,target_id,subject,request_id,ip",
      "2026-03-03T09:00:00.000Z,b@example.com,webhook.test,Sent a test event to the webhook endpoint https://x.example/h,,,,,",
      "2026-03-01T09:00:00.000Z,a@example.com,ledger.verify,Verified the ledger: 1 event of 1 contact intact,,,,,",
    ]);
    const day = await capture((out) => auditExport.run(t.db, ["--workspace", ws.workspace.slug, "--from", "2026-03-01", "--to", "2026-03-01"], out));
    expect(
      day.text
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[2]),
    ).toEqual(["ledger.verify"]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.workspace.id));
    expect(audits.filter((a) => a.action === "audit.export").map((a) => [a.actorLabel, (a.detail as { from: string | null }).from])).toEqual([
      ["cli", null],
      ["cli", "2026-03-01"],
    ]);
    await expect(auditExport.run(t.db, ["--workspace", ws.workspace.slug, "--from", "2026-03-05", "--to", "2026-03-01"], new PassThrough())).rejects.toThrow(
      /--to: the end date is before the start date/,
    );
    await expect(auditExport.run(t.db, ["--workspace", ws.workspace.slug, "--from", "2026-02-30"], new PassThrough())).rejects.toThrow(
      /--from: use a real date/,
    );
    await expect(auditExport.run(t.db, [], new PassThrough())).rejects.toBeInstanceOf(UsageError);
  });

  it("exports the ledger as a proof the standalone verifier passes, and records the export in the audit log", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "assent-proof-"));
    const out = path.join(dir, "proof.jsonl");
    try {
      expect((await capture((o) => ledgerExport.run(t.db, ["--workspace", slug(), "--out", out], o))).code).toBe(0);
      const { stdout } = await promisify(execFile)(process.execPath, ["packages/assent-verify/verify.mjs", out]);
      expect(stdout).toMatch(/events +2: each hash recomputed/);
      expect(stdout).toContain("OK: every event, chain, checkpoint and anchor verifies.");
      const audits = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, fx.workspace.id));
      expect(audits.filter((a) => a.action === "ledger.export")).toEqual([
        expect.objectContaining({ actorLabel: "cli", detail: expect.objectContaining({ out }) }),
      ]);
      await expect(ledgerExport.run(t.db, [], new PassThrough())).rejects.toBeInstanceOf(UsageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the assent command", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "assent-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const runCli = (args: string[]) =>
    promisify(execFile)("npx", ["tsx", "--conditions=react-server", "cli/assent.ts", ...args], { env: { ...process.env, DATA_DIR: dataDir } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("lists its commands and answers bad arguments with usage and exit code 2", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/ledger:verify/);
    const bad = await runCli(["api-key:create", "--workspace"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Usage: npm run assent -- api-key:create/);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
  });

  it("answers a bad --per-minute with exit code 2, the reason and the usage", async () => {
    const cli = await runCli(["api-key:create", "--workspace", "any", "--name", "bad", "--scopes", "consents:read", "--per-minute", "lots"]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/--per-minute "lots": Enter a number/);
    expect(cli.stderr).toMatch(/--per-minute <1\.\.1000000, default 6000>/);
  });
});
