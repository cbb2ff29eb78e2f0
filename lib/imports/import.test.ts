import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { consentEvents, contacts } from "../db/schema/ledger";
import { verifyLedger } from "../ledger/verify";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { claimImportJob, listRowErrors, previewImport, runImportJob, type ImportJob } from "./jobs";

/**
 * The "done means": an import of 100,000 rows with some bad ones reports every bad row with its
 * reason and writes all good rows once, also when run twice. IMPORT_TEST_ROWS (PostgreSQL, default 5,000) and
 * IMPORT_TEST_ROWS_PGLITE (default 2,000) set the sizes, kept small for CI; the README gives the 100,000-row run.
 */
const sizes = { postgres: Number(process.env.IMPORT_TEST_ROWS ?? 5_000), pglite: Number(process.env.IMPORT_TEST_ROWS_PGLITE ?? 2_000) };

type Expected = { good: number; distinctGood: number; bad: Map<number, string> };

/** Rows with a bad one every so often, of each kind, and a few exact repeats of good rows. */
function buildFile(rows: number, fx: LedgerFixture): { bytes: Uint8Array; expected: Expected } {
  const lines = ["phone,categories,channel,occurred_at,source,form_version_id,reference,ip"];
  const bad = new Map<number, string>();
  let good = 0;
  let repeats = 0;
  for (let i = 0; i < rows; i++) {
    const row = i + 2;
    // Distinct valid US mobiles: 201-555-xxxx covers only 10,000, so vary the exchange too.
    const phone = `+1 (201) ${String(200 + Math.floor(i / 10_000)).padStart(3, "0")}-${String(i % 10_000).padStart(4, "0")}`;
    const categories = i % 3 === 0 ? "orders;offers" : "orders";
    if (i % 4_999 === 17) {
      lines.push(`not a phone,orders,paper,2026-03-01,Fair,,R${i},`);
      bad.set(row, "phone");
    } else if (i % 7_001 === 23) {
      lines.push(`${phone},orders;raffle,web,2026-03-01,Fair,,R${i},`);
      bad.set(row, "categories");
    } else if (i % 9_973 === 31) {
      lines.push(`${phone},orders,paper,2099-01-01,Fair,,R${i},`);
      bad.set(row, "occurred_at");
    } else if (i % 11_003 === 41) {
      lines.push(`${phone},orders,paper,2026-03-01,Fair,${crypto.randomUUID()},R${i},`);
      bad.set(row, "form_version_id");
    } else if (i % 12_007 === 53) {
      lines.push(`${phone},orders,carrier pigeon,2026-03-01,Fair,,R${i},203.0.113.9`);
      bad.set(row, "channel");
    } else if (i % 25_013 === 61 && i > 0) {
      // An exact repeat of the previous line: the same opt-in, written once.
      lines.push(lines.at(-1)!);
      good += 1;
      repeats += 1;
      if (bad.has(row - 1)) {
        bad.set(row, bad.get(row - 1)!);
        good -= 1;
        repeats -= 1;
      }
    } else {
      lines.push(`${phone},${categories},paper,2026-03-01T10:00:00Z,Spring fair,${i % 2 === 0 ? fx.formVersion.id : ""},R${i},203.0.113.${i % 250}`);
      good += 1;
    }
  }
  return { bytes: new TextEncoder().encode(`${lines.join("\r\n")}\r\n`), expected: { good, distinctGood: good - repeats, bad } };
}

describe.each(testDatabaseKinds())("CSV import on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  const rows = sizes[kind];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  async function importOnce(bytes: Uint8Array): Promise<{ preview: ImportJob; done: ImportJob }> {
    const preview = await previewImport(t.db, { workspaceId: fx.workspace.id, fileName: "fair.csv", bytes, createdBy: null });
    const claimed = await claimImportJob(t.db, fx.workspace.id, preview.id);
    const done = await runImportJob(t.db, claimed, { type: "system", name: "test import" });
    return { preview, done };
  }

  async function eventCount() {
    const [e] = await t.db.select({ n: count() }).from(consentEvents).where(eq(consentEvents.workspaceId, fx.workspace.id));
    const [c] = await t.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, fx.workspace.id));
    return { events: e!.n, contacts: c!.n };
  }

  it(`reports every bad row of ${rows.toLocaleString("en")} and writes every good row once, also when run twice`, async () => {
    const { bytes, expected } = buildFile(rows, fx);
    const startedAt = Date.now();
    const first = await importOnce(bytes);
    const firstMs = Date.now() - startedAt;

    // The preview: every bad row, with the column at fault, before anything was written.
    expect(first.preview.totalRows).toBe(rows);
    expect(first.preview.badRows).toBe(expected.bad.size);
    expect(first.preview.goodRows).toBe(expected.good);
    const errors = await listRowErrors(t.db, first.preview.id, 100_000);
    expect(new Map(errors.map((e) => [e.row, e.column]))).toEqual(expected.bad);
    for (const e of errors) expect(e.reason.length).toBeGreaterThan(5);

    expect(first.done.status).toBe("done");
    expect(first.done.processedRows).toBe(rows);
    expect(first.done.writtenRows).toBe(expected.distinctGood);
    expect(first.done.alreadyImportedRows).toBe(expected.good - expected.distinctGood);
    expect(first.done.refusedRows).toBe(0);
    const afterFirst = await eventCount();
    expect(afterFirst.contacts).toBe(expected.distinctGood);

    const second = await importOnce(bytes);
    expect(second.preview.badRows).toBe(expected.bad.size);
    expect(second.done.writtenRows).toBe(0);
    expect(second.done.alreadyImportedRows).toBe(expected.good);
    expect(await eventCount()).toEqual(afterFirst);
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
    console.log(`[import ${kind}] ${rows} rows: first import ${(firstMs / 1000).toFixed(1)} s (preview and write)`);
  });
});
