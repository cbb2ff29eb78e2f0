import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOne } from "../../api/consent-checks";
import { recordConsent } from "../../api/consents";
import { receiveSmsWebhook } from "../../channels/sms/webhook";
import { smsWebhookUrl, whatsappWebhookUrl } from "../../channels/settings";
import { submitToHostedForm } from "../../channels/web/opt-in";
import { receiveWhatsAppWebhook } from "../../channels/whatsapp/webhook";
import { recordPaperForm } from "../../channels/paper/routes";
import type { WhatsAppReply } from "../../channels/whatsapp/sender";
import { queryRows } from "../../db/sql";
import { downloadEvidenceFile } from "../../evidence/routes";
import { runWorkspaceAction } from "../../handlers/workspace-action";
import { runWorkspaceRoute } from "../../handlers/workspace-route";
import { claimImportJob, runImportJob } from "../../imports/jobs";
import { uploadImport } from "../../imports/routes";
import { verifyLedger } from "../../ledger/verify";
import { createWebhookEndpoint } from "../../webhooks/actions";
import { runWebhookPass } from "../../webhooks/worker";
import { eraseContact, recordConsentOnBehalf } from "../actions";
import { findContactTimeline } from "../timeline.queries";
import { callApi, testApiKey } from "../../../testing/api-client";
import { createChannelFixture, tapsToJoin, testAppSecret, testTwilioToken, type ChannelFixture } from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { signedMetaRequest, textMessage } from "../../../testing/meta-cloud";
import { signedInMember, testMeta } from "../../../testing/staff";
import { signedTwilioRequest, smsParams } from "../../../testing/twilio";
import type { ActiveSession } from "../../auth/staff-sessions";

// Everything the app writes to disk goes under DATA_DIR; this suite's own, searched at the end like the tables.
const dataDir = mkdtempSync(path.join(tmpdir(), "assent-erasure-"));
process.env.DATA_DIR = dataDir;

/** One person, and every plain way they can be written down. */
const person = {
  e164: "+12015550177",
  national: "2015550177",
  formatted: "(201) 555-0177",
  name: "Zofia Quintero-Blaž",
  ip: "198.18.42.77",
  userAgent: "Mozilla/5.0 (Linux; Android 9; Erasure-Test-Phone)",
};
const needles = [person.e164, person.national, person.formatted, person.name, person.ip, person.userAgent];
/** The person's own browser; staff act from testMeta's address, the business's systems from the API's. */
const personMeta = { ip: person.ip, userAgent: person.userAgent, requestId: "person-request" };

type Finding = { where: string; needle: string };

/**
 * Every text, character, JSON, array and bytea column of every table in the database, found in the catalogue when the
 * search runs (so a table added later is searched too), for every needle: case-insensitively in text, as UTF-8 bytes
 * in bytea.
 */
async function searchDatabase(t: TestDatabase): Promise<Finding[]> {
  const columns = await queryRows<{ schema: string; table: string; column: string; type: string }>(
    t.db,
    sql`select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
      from information_schema.columns c join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where tb.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
      order by 1, 2, 3`,
  );
  expect(columns.length, "the catalogue lists the tables").toBeGreaterThan(50);
  const findings: Finding[] = [];
  for (const c of columns) {
    const ref = sql.raw(`"${c.schema}"."${c.table}"`);
    const col = sql.raw(`"${c.column}"`);
    const tests = needles.map((n) =>
      c.type === "bytea"
        ? sql`coalesce(bool_or(position(convert_to(${n}, 'UTF8') in ${col}) > 0), false)`
        : sql`coalesce(bool_or(strpos(lower(${col}::text), ${n.toLowerCase()}) > 0), false)`,
    );
    const [row] = await queryRows<{ hits: boolean[] }>(t.db, sql`select array[${sql.join(tests, sql`, `)}] as hits from ${ref}`);
    for (const [i, hit] of row!.hits.entries()) if (hit) findings.push({ where: `${c.table}.${c.column}`, needle: needles[i]! });
  }
  return findings;
}

/** Every file under DATA_DIR, for every needle as UTF-8 bytes. */
function searchDataDir(): Finding[] {
  const files = readdirSync(dataDir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dataDir, f));
  return files
    .filter((f) => statSync(f).isFile())
    .flatMap((f) => {
      const bytes = readFileSync(f);
      return needles.filter((n) => bytes.includes(Buffer.from(n, "utf8"))).map((needle) => ({ where: f, needle }));
    });
}

describe.each(testDatabaseKinds())("erasing a contact made through every way in, on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let compliance: ActiveSession;
  let apiKey: string;
  let contactId: string;
  let scanSha256: string;
  let pendingImport: { jobId: string; sha256: string };
  let otherImport: { jobId: string; sha256: string };
  const sent: WhatsAppReply[] = [];
  const slug = () => fx.workspace.slug;
  const check = async (category: string) =>
    (
      await callApi(t.db, checkOne, {
        key: apiKey,
        url: `http://assent.test/api/v1/consents/check?phone=${encodeURIComponent(person.e164)}&category=${category}`,
      })
    ).json;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    compliance = await signedInMember(t.db, fx.workspace.id, "compliance");
    apiKey = await testApiKey(t.db, fx.workspace.id);
    // The business's CRM hears of every change; its answers echo the body back, number and all, as some do.
    const endpoint = await runWorkspaceAction(createWebhookEndpoint, t.db, fx.admin, testMeta, {
      workspace: slug(),
      url: `${fx.receiver.url}?all`,
      description: "CRM (all changes)",
      topics: ["consent.opt_in", "consent.opt_out"],
    });
    expect(endpoint.ok).toBe(true);
  });
  afterAll(async () => {
    await fx?.receiver.close();
    await t?.drop();
  });

  /** Uploads a CSV as the import page does; answers the job's id and its file's SHA-256. */
  async function upload(name: string, csv: string): Promise<{ jobId: string; sha256: string }> {
    const response = await runWorkspaceRoute(
      uploadImport,
      t.db,
      compliance,
      testMeta,
      new Request(`http://t/${slug()}/contacts/import/upload?name=${encodeURIComponent(name)}`, { method: "POST", body: csv, headers: { origin: "http://t" } }),
      { workspace: slug() },
    );
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    const [job] = await queryRows<{ sha256: string }>(t.db, sql`select file_sha256 as sha256 from import_jobs where id = ${body.jobId}`);
    return { jobId: body.jobId, sha256: job!.sha256 };
  }

  const download = (sha256: string) =>
    runWorkspaceRoute(downloadEvidenceFile, t.db, compliance, testMeta, new Request(`http://t/${slug()}/evidence/files/${sha256}`), {
      workspace: slug(),
      sha256,
    });

  async function deliverWebhooks() {
    for (let pass = 0; pass < 3; pass++) await runWebhookPass(t.db, { retryDelays: [0, 0, 0], allowPrivate: true });
  }

  it("records the person through the hosted form, SMS, WhatsApp, IVR, paper with a scan, a CSV import and staff", async () => {
    // Hosted web form, from the person's phone: the number in national form, a name, the IP and user agent.
    const web = new FormData();
    for (const [k, v] of Object.entries({ submissionId: crypto.randomUUID(), country: "US", phone: person.formatted, name: person.name, language: "en" }))
      web.set(k, v);
    web.append("categories", "orders");
    const webResult = await submitToHostedForm(t.db, slug(), "join", web, personMeta, `https://assent.example/f/${slug()}/join`);
    expect(webResult.ok, JSON.stringify(webResult)).toBe(true);
    contactId = webResult.ok ? webResult.receipt.contactId : "";

    // SMS keyword, signed by Twilio.
    // SMS keyword, signed by Twilio: its two categories are asked by number, and "1" answers. A second keyword
    // leaves a question waiting, which erasure must take away too.
    const texted = (body: string) => receiveSmsWebhook(t.db, slug(), signedTwilioRequest(smsWebhookUrl(slug()), smsParams(person.e164, body), testTwilioToken));
    expect((await texted("OFFERS")).status).toBe(200);
    expect((await texted("1")).status).toBe(200);
    expect((await texted("OFFERS")).status).toBe(200);

    // WhatsApp keyword, signed by Meta, from a profile that carries the person's name; then a tap on a choice.
    const join = textMessage(person.e164, "JOIN");
    const tap = tapsToJoin(fx, person.e164, ["offers"]);
    for (const message of [join, tap]) {
      message.entry[0]!.changes[0]!.value.contacts = [{ profile: { name: person.name }, wa_id: person.e164.slice(1) }];
      const whatsapp = await receiveWhatsAppWebhook(t.db, slug(), signedMetaRequest(whatsappWebhookUrl(slug()), message, testAppSecret), {
        sender: async (reply) => void sent.push(reply),
      });
      expect(whatsapp.status).toBe(200);
    }
    await new Promise((r) => setImmediate(r));
    expect(await queryRows(t.db, sql`select 1 from keyword_choice_requests where workspace_id = ${fx.workspace.id}`)).toHaveLength(1);

    // IVR, reported by the business's phone system through the API (its idempotency key names the caller's number).
    const ivr = await callApi(t.db, recordConsent, {
      key: apiKey,
      ip: "192.0.2.250",
      headers: { "idempotency-key": `ivr-${person.e164}` },
      body: {
        phone: person.national,
        name: person.name,
        categories: ["tips"],
        action: "opt_in",
        channel: "ivr",
        formVersionId: fx.formVersion.id,
        evidence: { callId: "CA-erasure-1", dtmfKey: "1", recordingUrl: "https://rec.example/CA-erasure-1.wav", recordingDigest: "a".repeat(64) },
      },
    });
    expect(ivr.status, ivr.text).toBe(201);

    // Paper, with a scan that shows the person's name and number, and a note naming them.
    const scan = new TextEncoder().encode(`%PDF-1.4\n% signed by ${person.name}, ${person.formatted}\n%%EOF\n`);
    const paper = new FormData();
    paper.set("submissionId", crypto.randomUUID());
    paper.set("phone", person.formatted);
    paper.append("categories", "orders");
    paper.set("formVersionId", fx.formVersion.id);
    paper.set("signedOn", "2026-11-20");
    paper.set("note", `Signed by ${person.name} at the counter`);
    paper.set("scan", new Blob([scan]), "scan.pdf");
    const paperResponse = await runWorkspaceRoute(
      recordPaperForm,
      t.db,
      compliance,
      testMeta,
      new Request(`http://t/${slug()}/contacts/paper/record`, { method: "POST", body: paper, headers: { origin: "http://t" } }),
      { workspace: slug() },
    );
    const paperBody = await paperResponse.json();
    expect(paperResponse.status, JSON.stringify(paperBody)).toBe(200);
    scanSha256 = paperBody.sha256;

    // A CSV import named after the person, with their row (name, IP, user agent, note) among another person's.
    const csv = [
      "phone,categories,channel,occurred_at,source,name,ip,user_agent,note",
      `${person.formatted},orders;tips,web,2026-03-01T10:00:00Z,Spring fair,${person.name},${person.ip},"${person.userAgent}",Met ${person.name} at the stand`,
      "+1 201 555 0188,orders,paper,2026-03-01,Spring fair,Other Person,,,",
    ].join("\r\n");
    const uploaded = await upload(`${person.name}.csv`, csv);
    const job = await claimImportJob(t.db, fx.workspace.id, uploaded.jobId);
    const done = await runImportJob(t.db, job, { type: "staff", userId: compliance.user.id, email: compliance.user.email });
    expect(done).toMatchObject({ status: "done", writtenRows: 2 });
    // Two more files: one with the person's number in international form, previewed and not run yet; one without them.
    pendingImport = await upload("later.csv", `phone,categories,channel,occurred_at,source\r\n${person.e164},offers,paper,2026-03-02,Autumn fair\r\n`);
    otherImport = await upload("others.csv", "phone,categories,channel,occurred_at,source\r\n+1 201 555 0199,offers,paper,2026-03-02,Autumn fair\r\n");

    // Staff, recording a phone call, and the business's CRM through the API.
    const staff = await runWorkspaceAction(recordConsentOnBehalf, t.db, compliance, testMeta, {
      workspace: slug(),
      contactId,
      submissionId: crypto.randomUUID(),
      action: "opt_in",
      categories: ["offers"],
      via: "phone_call",
      occurredAt: new Date().toISOString(),
      note: `${person.name} called from ${person.formatted}`,
    });
    expect(staff.ok, JSON.stringify(staff)).toBe(true);
    const crm = await callApi(t.db, recordConsent, {
      key: apiKey,
      ip: "192.0.2.251",
      headers: { "idempotency-key": crypto.randomUUID() },
      body: { phone: person.e164, categories: ["tips"], action: "opt_in", channel: "api", evidence: { system: "crm" }, note: `Lead ${person.name}` },
    });
    expect(crm.status, crm.text).toBe(201);
    // Evidence is hashed and kept for good: a caller that puts the number there is refused, and nothing is written.
    const leaky = await callApi(t.db, recordConsent, {
      key: apiKey,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: { phone: person.e164, categories: ["tips"], action: "opt_in", channel: "api", evidence: { reference: `lead ${person.formatted}` } },
    });
    expect(leaky.status, leaky.text).toBe(422);
    expect(leaky.json.errors).toEqual([expect.objectContaining({ field: "evidence.reference", code: "personal_data" })]);

    fx.receiver.echoBodies(true);
    await deliverWebhooks();

    // One contact, one chain; every channel reached it.
    const channels = await queryRows<{ channel: string }>(
      t.db,
      sql`select distinct channel::text from consent_events where contact_id = ${contactId} order by 1`,
    );
    expect(channels.map((c) => c.channel)).toEqual(["api", "import", "ivr", "paper", "sms", "staff", "web", "whatsapp"]);
    expect(await check("orders")).toMatchObject({ allowed: true });
    // The search finds what it looks for: every needle is somewhere before the erasure.
    const before = await searchDatabase(t);
    expect(new Set(before.map((f) => f.needle))).toEqual(new Set(needles));
    // …and in each place a channel leaves it, beyond the contact and its events' personal data.
    expect(new Set(before.map((f) => f.where))).toEqual(
      new Set([
        "contacts.name",
        "contacts.phone",
        "event_personal_data.ip",
        "event_personal_data.name",
        "event_personal_data.note",
        "event_personal_data.user_agent",
        "evidence_files.bytes",
        "idempotency_keys.key",
        "idempotency_keys.receipt",
        "import_jobs.file_name",
        "rate_limit_buckets.key",
        "webhook_attempts.response_excerpt",
      ]),
    );
  });

  it("after erasure no table, column or file under DATA_DIR holds the number, name, IP or user agent; the proof verifies", async () => {
    const erased = await runWorkspaceAction(eraseContact, t.db, compliance, testMeta, {
      workspace: slug(),
      contactId,
      reason: `Email from ${person.name} (${person.formatted}) asking to be forgotten`,
      confirm: "ERASE",
    });
    expect(erased.ok, JSON.stringify(erased)).toBe(true);
    await deliverWebhooks();

    expect(await searchDatabase(t)).toEqual([]);
    expect(searchDataDir()).toEqual([]);
    // The keyword's question still waiting for their answer went too (it held only the number's digest).
    expect(await queryRows(t.db, sql`select 1 from keyword_choice_requests where workspace_id = ${fx.workspace.id}`)).toEqual([]);

    const verification = await verifyLedger(t.db, { workspaceId: fx.workspace.id });
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);

    // The erasure's audit entry says who and why, without the person.
    const [audit] = await queryRows<{ actor_label: string; detail: { reason: string; optedOut: number } }>(
      t.db,
      sql`select actor_label, detail from audit_log where action = 'contact.erase' and target_id = ${contactId}`,
    );
    expect(audit).toMatchObject({ actor_label: compliance.user.email, detail: { reason: "Email from [erased] ([erased]) asking to be forgotten" } });
    expect(audit!.detail.optedOut).toBeGreaterThan(0);
  });

  it("the check answers not allowed in every category, by the opt-outs the erasure recorded", async () => {
    for (const category of ["orders", "offers", "tips"]) expect(await check(category)).toMatchObject({ allowed: false, reason: "opted_out" });
    const optOuts = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from consent_events where contact_id = ${contactId} and action = 'opt_out' and channel = 'staff' and evidence->>'source' = 'erasure'`,
    );
    expect(optOuts[0]!.n).toBe(3);
  });

  it("a number erased by an older version, which left its opt-ins standing, is not allowed either", async () => {
    const legacy = "+12015550166";
    const optIn = await callApi(t.db, recordConsent, {
      key: apiKey,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: { phone: legacy, categories: ["orders"], action: "opt_in", channel: "api", evidence: {} },
    });
    expect(optIn.status, optIn.text).toBe(201);
    const legacyCheck = async () =>
      (await callApi(t.db, checkOne, { key: apiKey, url: `http://assent.test/api/v1/consents/check?phone=${encodeURIComponent(legacy)}&category=orders` }))
        .json;
    expect(await legacyCheck()).toMatchObject({ allowed: true });
    // What the erasure before this one did: the plain columns blanked, the subscriptions left as they were.
    await t.db.execute(sql`update contacts set phone = null, name = null, erased_at = now() where id = ${optIn.json.contactId}`);
    expect(await legacyCheck()).toMatchObject({ allowed: false, reason: "never_opted_in" });
  });

  it("the scan is said to be erased, its download answers 410, its digest stays", async () => {
    const response = await download(scanSha256);
    expect(response.status).toBe(410);
    expect((await response.json()).title).toMatch(/erased/);
    const paperEvents = (await findContactTimeline(t.db, fx.workspace.id, contactId)).filter((e) => e.channel === "paper");
    expect(paperEvents.length).toBeGreaterThan(0);
    for (const e of paperEvents) expect(e.scan).toMatchObject({ sha256: scanSha256, erasedAt: expect.any(Date) });
  });

  it("an import file with the person's row is gone and cannot run; one without them is kept", async () => {
    expect((await download(pendingImport.sha256)).status).toBe(410);
    const job = await claimImportJob(t.db, fx.workspace.id, pendingImport.jobId);
    await expect(runImportJob(t.db, job, { type: "staff", userId: compliance.user.id, email: compliance.user.email })).rejects.toMatchObject({
      code: "import_file_erased",
    });
    const [failed] = await queryRows<{ status: string; error: string; file_name: string }>(
      t.db,
      sql`select status, error, file_name from import_jobs where id = ${pendingImport.jobId}`,
    );
    expect(failed).toMatchObject({ status: "failed", file_name: "", error: expect.stringMatching(/erased/) });
    const kept = await download(otherImport.sha256);
    expect(kept.status).toBe(200);
    expect(await kept.text()).toContain("+1 201 555 0199");
  });

  it("the same number given again meets its history", async () => {
    const again = await callApi(t.db, recordConsent, {
      key: apiKey,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: { phone: person.e164, categories: ["orders"], action: "opt_in", channel: "api", evidence: {} },
    });
    expect(again.status, again.text).toBe(201);
    expect(again.json.contactId).toBe(contactId);
    expect(await check("orders")).toMatchObject({ allowed: true });
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
