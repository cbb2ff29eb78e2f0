import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append } from "../ledger/append";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { csvField } from "./csv";
import { copyEvents, exportEvents, exportEventsInBatches, postgresPool, type ExportFilter, type ExportFormat } from "./events";

async function collect(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

describe.each(testDatabaseKinds())("event exports on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    await createLedgerFixture(db.db).then((other) => append(db.db, webOptIn(other, testPhone(1)))); // must never appear
    for (let i = 0; i < 30; i++) {
      await append(
        db.db,
        webOptIn(fx, testPhone(100 + i), { categories: i % 3 ? ["orders", "offers"] : ["tips"], name: i === 4 ? 'Zoë "Z", =HYPERLINK()' : undefined }),
      );
    }
    await append(db.db, { ...webOptIn(fx, testPhone(200)), network: { ip: "=1+1", userAgent: "line one\nline two, with \\ backslash" } });
  });
  afterAll(() => db?.drop());

  it("writes CSV with one header, one line per event, values quoted and formulas defused", async () => {
    const csv = await collect(exportEvents(db.db, { workspaceId: fx.workspace.id }, "csv"));
    expect(csv.startsWith("position,event_id,occurred_at,recorded_at,phone,category,action")).toBe(true);
    expect(csv).toContain(",'=1+1,");
    expect(csv).toContain('"line one\nline two, with \\ backslash"');
    expect(csv).toMatch(/,\+1201555\d{4},orders,opt_in,web,single,/);
    expect(csv).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
    expect(csv).not.toContain(testPhone(1));
  });

  it("defuses formulas in the database exactly as csvField does", async () => {
    // The SQL spells the test differently from csvField (for speed), so their edges are compared value by value.
    const other = await createLedgerFixture(db.db);
    const values = [
      "+1234567",
      "+123456",
      "+1234567890123456",
      "+12345678901234567",
      "+12 3456789",
      "+1234567\n",
      "+",
      "-1",
      "@a",
      "\ta",
      "\ra",
      "=a",
      "a=",
      "'=a",
      "é=",
    ];
    for (const [i, userAgent] of values.entries()) await append(db.db, webOptIn(other, testPhone(300 + i), { network: { ip: "203.0.113.9", userAgent } }));
    // One record a line, except where a quoted value holds a line break: each record starts with its position.
    const records = (await collect(exportEvents(db.db, { workspaceId: other.workspace.id }, "csv"))).split(/\n(?=\d+,)/);
    for (const [i, userAgent] of values.entries())
      expect(records.find((r) => r.includes(testPhone(300 + i)))).toContain(`,203.0.113.9,${csvField(userAgent)},`);
  });

  it("writes JSON Lines that parse back, filtered like the dashboard", async () => {
    const filter: ExportFilter = { workspaceId: fx.workspace.id, categoryKey: "offers", action: "opt_in" };
    const lines = (await collect(exportEvents(db.db, filter, "jsonl")))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(20);
    expect(lines.every((l) => l.category === "offers" && l.action === "opt_in" && l.evidence.pageUrl)).toBe(true);
    expect(lines.map((l) => l.position)).toEqual([...lines.map((l) => l.position)].sort((a, b) => a - b));
  });

  it.runIf(kind === "postgres")("gives byte-identical files through COPY and through batches", async () => {
    const pool = postgresPool(db.db)!;
    for (const format of ["csv", "jsonl"] as ExportFormat[]) {
      for (const filter of [{ workspaceId: fx.workspace.id }, { workspaceId: fx.workspace.id, categoryKey: "tips", formSlug: "join" }]) {
        const viaCopy = await collect(copyEvents(pool, filter, format));
        const viaBatches = await collect(exportEventsInBatches(db.db, filter, format));
        expect(viaCopy.length).toBeGreaterThan(100);
        expect(viaCopy).toBe(viaBatches);
      }
    }
  });

  it.runIf(kind === "postgres")("gives its connection back sound when the reader stops half-way", async () => {
    const chunks = exportEvents(db.db, { workspaceId: fx.workspace.id }, "csv");
    await chunks.next();
    await chunks.return(undefined);
    const again = await collect(exportEvents(db.db, { workspaceId: fx.workspace.id }, "jsonl"));
    expect(again.trim().split("\n")).toHaveLength(51);
  });
});
