import { and, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../db/schema/access";
import { forms } from "../db/schema/forms";
import { runWorkspaceRoute } from "../handlers/workspace-route";
import type { Role } from "../auth/roles";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { auditExportColumns } from "./export";
import { downloadAuditLog } from "./routes";

describe.each(testDatabaseKinds())("the audit log export on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let formName: string;

  const at = (day: string) => new Date(`2026-03-${day}T10:00:00Z`);
  const entry = (workspaceId: string, createdAt: Date, action: string, extra: Partial<typeof auditLog.$inferInsert> = {}) => ({
    workspaceId,
    actorLabel: "staff@example.com",
    action,
    detail: {},
    createdAt,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
    const [form] = await t.db.select().from(forms).where(eq(forms.id, fx.formVersion.formId));
    formName = form!.name;
    await t.db.insert(auditLog).values([
      entry(fx.workspace.id, at("01"), "form.publish", { targetType: "form", targetId: form!.id, detail: { version: 2 } }),
      // Who typed a formula as their label, and an IP that reads as one: both are defused in the file.
      entry(fx.workspace.id, at("02"), "member.invite", {
        actorLabel: '=HYPERLINK("http://x")',
        ip: "-1+1",
        detail: { email: "new@example.com", role: "viewer" },
      }),
      entry(fx.workspace.id, at("05"), "ledger.verify", { requestId: "req-5", ip: "203.0.113.9", detail: { ok: true, events: 3, contacts: 2 } }),
      entry(other.workspace.id, at("02"), "ledger.verify", { actorLabel: "other@example.com", detail: { ok: true, events: 1, contacts: 1 } }),
    ]);
  });
  afterAll(() => t?.drop());

  async function download(f: LedgerFixture, role: Role, query = "", slug = f.workspace.slug) {
    const session = await signedInMember(t.db, f.workspace.id, role);
    return runWorkspaceRoute(downloadAuditLog, t.db, session, testMeta, new Request(`http://t/${slug}/audit/export${query}`), { workspace: slug });
  }
  const rowsOf = async (response: Response) => parse(await response.text(), { columns: true }) as Record<string, string>[];
  const exportsOf = (f: LedgerFixture) =>
    t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, f.workspace.id), eq(auditLog.action, "audit.export")));

  it("streams the workspace's entries newest first, one row each in words, formulas defused, and audits itself", async () => {
    const response = await download(fx, "compliance");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="${fx.workspace.slug}-audit-log-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const text = await response.clone().text();
    expect(text.split("\n")[0]).toBe(auditExportColumns.join(","));
    const rows = await rowsOf(response);
    // Only this workspace's three entries: not the other's, and not the export's own, written just before.
    expect(rows).toEqual([
      {
        time: "2026-03-05T10:00:00.000Z",
        actor: "staff@example.com",
        action: "ledger.verify",
        sentence: "Verified the ledger: 3 events of 2 contacts intact",
        target_type: "",
        target_id: "",
        subject: "",
        request_id: "req-5",
        ip: "203.0.113.9",
      },
      {
        time: "2026-03-02T10:00:00.000Z",
        actor: '\'=HYPERLINK("http://x")',
        action: "member.invite",
        sentence: "Invited new@example.com as Viewer",
        target_type: "",
        target_id: "",
        subject: "",
        request_id: "",
        ip: "'-1+1",
      },
      {
        time: "2026-03-01T10:00:00.000Z",
        actor: "staff@example.com",
        action: "form.publish",
        sentence: `Published version 2 of the form “${formName}”`,
        target_type: "form",
        target_id: fx.formVersion.formId,
        subject: formName,
        request_id: "",
        ip: "",
      },
    ]);
    const [own] = await exportsOf(fx);
    expect(own).toMatchObject({ requestId: testMeta.requestId, ip: testMeta.ip, detail: { from: null, to: null } });
    expect(own!.actorLabel).toMatch(/^compliance-.*@test\.assent\.local$/);
    // The next export holds the first one's entry, as a sentence.
    const next = await rowsOf(await download(fx, "admin"));
    expect(next[0]).toMatchObject({ action: "audit.export", sentence: "Exported the audit log as CSV", actor: own!.actorLabel });
    expect((await exportsOf(other)).length).toBe(0);
  });

  it("keeps to the days asked for, the last one included, and refuses a bad range without writing anything", async () => {
    const day = await rowsOf(await download(fx, "owner", "?from=2026-03-02&to=2026-03-02"));
    expect(day.map((r) => r.action)).toEqual(["member.invite"]);
    const onwards = await rowsOf(await download(fx, "owner", "?from=2026-03-02&to="));
    expect(onwards.map((r) => r.time)).toEqual(expect.arrayContaining(["2026-03-05T10:00:00.000Z", "2026-03-02T10:00:00.000Z"]));
    expect(onwards.filter((r) => r.time?.startsWith("2026-03-01"))).toEqual([]);
    const upTo = await rowsOf(await download(fx, "owner", "?to=2026-03-01"));
    expect(upTo.map((r) => r.action)).toEqual(["form.publish"]);
    expect((await exportsOf(fx)).filter((e) => (e.detail as { from: string | null }).from === "2026-03-02").length).toBe(2);

    const before = (await exportsOf(fx)).length;
    for (const query of ["?from=2026-02-30", "?to=yesterday", "?from=2026-03-05&to=2026-03-01"]) {
      const refused = await download(fx, "owner", query);
      expect(refused.status, query).toBe(422);
      expect((await refused.json()).errors[0].field, query).toBe(query.includes("&") ? "to" : query.slice(1, query.indexOf("=")));
    }
    expect((await exportsOf(fx)).length).toBe(before);
  });

  it("sends the page's own form back to the audit page with the refused dates, and writes nothing", async () => {
    const before = (await exportsOf(fx)).length;
    const session = await signedInMember(t.db, fx.workspace.id, "owner");
    const request = new Request(`http://t/${fx.workspace.slug}/audit/export?from=2026-03-05&to=2026-03-01`, {
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    const refused = await runWorkspaceRoute(downloadAuditLog, t.db, session, testMeta, request, { workspace: fx.workspace.slug });
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe(`/${fx.workspace.slug}/audit?from=2026-03-05&to=2026-03-01`);
    expect((await exportsOf(fx)).length).toBe(before);
  });

  it("is refused to roles that may not read the audit log, and to members of another workspace", async () => {
    const before = (await exportsOf(fx)).length;
    for (const role of ["marketer", "viewer"] as const) expect((await download(fx, role)).status, role).toBe(403);
    // A compliance member of the other workspace asking for this one's log: as if it did not exist.
    const foreign = await download(other, "compliance", "", fx.workspace.slug);
    expect(foreign.status).toBe(404);
    expect((await exportsOf(fx)).length).toBe(before);
  });

  it("reads in batches, every entry exactly once", async () => {
    const big = await createLedgerFixture(t.db);
    await t.db
      .insert(auditLog)
      .values(
        Array.from({ length: 2105 }, (_, i) => entry(big.workspace.id, new Date(Date.UTC(2026, 0, 1, 0, 0, i)), "ledger.verify", { requestId: `r-${i}` })),
      );
    const rows = await rowsOf(await download(big, "compliance"));
    expect(rows.length).toBe(2105);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(2105);
    expect(rows[0]!.request_id).toBe("r-2104");
    expect(rows.at(-1)!.request_id).toBe("r-0");
  });
});
