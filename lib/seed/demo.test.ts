import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentEvents, contacts } from "../db/schema/ledger";
import { whatsappQualityUpdates } from "../db/schema/channels";
import { evidenceFiles, importJobs } from "../db/schema/imports";
import { workspaces } from "../db/schema/workspaces";
import { queryRows } from "../db/sql";
import { eventChannels } from "../ledger/types";
import { verifyLedger } from "../ledger/verify";
import { listOpenAlerts } from "../quality/alerts";
import { readOverview } from "../quality/overview";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { seedDemoIfEmpty } from "./demo";

describe.each(testDatabaseKinds())("demo seed on %s", (kind) => {
  let t: TestDatabase;
  let workspaceId: string;
  let seeded: Awaited<ReturnType<typeof seedDemoIfEmpty>>;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const started = Date.now();
    seeded = await seedDemoIfEmpty(t.db);
    console.log(`demo seed on ${kind}: ${seeded?.history?.contacts} contacts, ${seeded?.history?.events} events in ${Date.now() - started} ms`);
    const [ws] = await t.db.select({ id: workspaces.id }).from(workspaces);
    workspaceId = ws!.id;
  });
  afterAll(() => t?.drop());

  it("writes a ledger that verifies: chains, digests, state and the checkpoint", async () => {
    const result = await verifyLedger(t.db, { workspaceId });
    expect(result.problems).toEqual([]);
    expect(result.contacts).toBe(seeded!.history!.contacts);
    expect(result.events).toBe(seeded!.history!.events);
    expect(result.checkpoints).toBe(1);
    expect(result.contacts).toBeGreaterThan(1000);
  });

  it("has sign-ups from every channel but the API, and opt-outs and confirmations", async () => {
    const rows = await t.db
      .select({ channel: consentEvents.channel, action: consentEvents.action, n: count() })
      .from(consentEvents)
      .where(eq(consentEvents.workspaceId, workspaceId))
      .groupBy(consentEvents.channel, consentEvents.action);
    const optIns = new Set(rows.filter((r) => r.action === "opt_in").map((r) => r.channel));
    expect([...optIns].sort()).toEqual(eventChannels.filter((c) => c !== "api").sort());
    expect(rows.some((r) => r.action === "confirm" && r.channel === "whatsapp")).toBe(true);
    const optOutChannels = new Set(rows.filter((r) => r.action === "opt_out").map((r) => r.channel));
    for (const c of ["sms", "whatsapp", "web", "staff"] as const) expect(optOutChannels).toContain(c);
  });

  it("stops by STOP, the preference centre and WhatsApp's marketing stop", async () => {
    const kinds = await queryRows<{ how: string }>(
      t.db,
      sql`select distinct case when channel = 'web' then 'preference centre' when evidence->>'keyword' = 'STOP' or evidence->>'text' = 'STOP' then 'STOP'
          else evidence->>'kind' end as how
        from consent_events where workspace_id = ${workspaceId} and action = 'opt_out'`,
    );
    expect(kinds.map((k) => k.how)).toEqual(expect.arrayContaining(["STOP", "preference centre", "user_preference", "message_status"]));
    const preference = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from consent_events where workspace_id = ${workspaceId} and action = 'opt_out' and channel = 'web'
        and evidence->>'pageUrl' like '%/p/link#%'`,
    );
    expect(preference[0]!.n).toBeGreaterThan(0);
  });

  it("keeps a paper form's scan and a finished import", async () => {
    const scans = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from consent_events e join evidence_files f on f.workspace_id = e.workspace_id and f.sha256 = e.evidence->>'documentDigest'
        where e.workspace_id = ${workspaceId} and e.channel = 'paper' and f.content_type = 'application/pdf'`,
    );
    expect(scans[0]!.n).toBeGreaterThan(0);
    const [job] = await t.db.select().from(importJobs).where(eq(importJobs.workspaceId, workspaceId));
    expect(job).toMatchObject({ status: "done", badRows: 1, writtenRows: seeded!.history!.imported });
    expect(job!.writtenRows).toBeGreaterThan(0);
    const [csv] = await t.db
      .select({ n: count() })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.workspaceId, workspaceId), eq(evidenceFiles.sha256, job!.fileSha256)));
    expect(csv!.n).toBe(1);
    const audit = await queryRows<{ action: string }>(t.db, sql`select distinct action from audit_log where workspace_id = ${workspaceId}`);
    expect(audit.map((a) => a.action).sort()).toEqual(["contact.paper_form", "form.publish", "import.start", "quality.rating"]);
  });

  it("gives the overview 90 days of series, rates and a rating timeline with a drop and a recovery", async () => {
    const overview = await readOverview(t.db, workspaceId, { days: 90, by: "day", split: "channel" });
    const days = new Set(overview.series.map((s) => s.bucket));
    expect(days.size).toBeGreaterThan(80);
    expect(overview.series.some((s) => s.optOuts > 0)).toBe(true);
    expect(overview.categories.every((c) => c.optIns > 0 && c.optOuts > 0)).toBe(true);
    expect(overview.forms.filter((f) => f.optIns > 0).length).toBeGreaterThanOrEqual(6);
    expect(overview.forms.find((f) => f.name === "Website sign-up")).toMatchObject({ confirms: expect.any(Number) });
    expect(overview.forms.find((f) => f.name === "Website sign-up")!.confirms).toBeGreaterThan(0);
    expect(overview.markers.length).toBeGreaterThanOrEqual(6);
    const ratings = overview.rating.map((p) => p.rating).filter(Boolean);
    expect(ratings).toEqual(["green", "yellow", "red", "green"]);
    const [notices] = await t.db.select({ n: count() }).from(whatsappQualityUpdates).where(eq(whatsappQualityUpdates.workspaceId, workspaceId));
    expect(notices!.n).toBeGreaterThanOrEqual(2);
  });

  it("raises the alert for the form whose people leave", async () => {
    const alerts = await listOpenAlerts(t.db, workspaceId);
    expect(alerts.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringContaining("Summer giveaway")]));
  });

  it("seeds once: a database with a workspace is left alone", async () => {
    expect(await seedDemoIfEmpty(t.db)).toBeNull();
    const [n] = await t.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
    expect(n!.n).toBe(seeded!.history!.contacts);
  });
});
