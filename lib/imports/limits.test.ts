import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { runWorkspaceRoute } from "../handlers/workspace-route";
import { importJobs } from "../db/schema/imports";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { signedInMember, testMeta } from "../../testing/staff";
import type { ActiveSession } from "../auth/staff-sessions";
import { previewImport } from "./jobs";
import { importLimits } from "./limits";
import { chunksOf, parseImportCsv, readImportRows, ROWS_PER_SLICE } from "./parse";
import { uploadImport } from "./routes";
import { limitedBodyChunks } from "../server/limited-body";

const header = "phone,categories,channel,occurred_at,source";
const encoder = new TextEncoder();

/** A file made on the fly, 64 KiB at a time, counting how much of it the reader pulled. */
function generated(parts: () => Generator<string>) {
  const pulled = { bytes: 0 };
  async function* chunks() {
    let pending = "";
    for (const part of parts()) {
      pending += part;
      if (pending.length < 65_536) continue;
      const bytes = encoder.encode(pending);
      pulled.bytes += bytes.byteLength;
      pending = "";
      yield bytes;
    }
    if (pending) {
      pulled.bytes += pending.length;
      yield encoder.encode(pending);
    }
  }
  return { chunks, pulled };
}

/** The file: a header of a million column names (6.9 MB). */
const millionColumns = () =>
  generated(function* () {
    yield header;
    for (let i = 0; i < 1_000_000; i++) yield `,c${i}`;
    yield "\n";
  });

/** A 40 MB value in the first row. */
const fortyMegabyteField = () =>
  generated(function* () {
    yield `${header}\n+12015550123,orders,paper,2026-03-01,"`;
    for (let i = 0; i < 640; i++) yield "x".repeat(65_536);
    yield `"\n`;
  });

/**
 * Calls `onTurn` once every turn of the event loop (a setImmediate chain: each link runs in the loop's next
 * turn), until stopped. Work that holds the loop delays the next link, however long it runs.
 */
function eventLoopTurns(onTurn: () => void) {
  let running = true;
  const turn = () => {
    if (!running) return;
    onTurn();
    setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop: () => {
      running = false;
    },
  };
}

async function refusal(rows: AsyncIterable<unknown>) {
  try {
    for await (const _row of rows) void _row;
  } catch (error) {
    return error as { status: number; fields: { field: string; code: string; message: string }[] };
  }
  throw new Error("the file was read to its end without a refusal");
}

describe("import file limits, checked while the file streams in", () => {
  it("refuses a header of a million columns after reading a few kilobytes, naming the limit", async () => {
    const file = millionColumns();
    const error = await refusal(readImportRows(file.chunks()));
    expect(error.status).toBe(422);
    expect(error.fields).toEqual([
      expect.objectContaining({ field: "file", code: "too_many_columns", message: expect.stringContaining(`${importLimits.columns} columns`) }),
    ]);
    expect(file.pulled.bytes).toBeLessThan(256 * 1024);
  });

  it("refuses a 40 MB value at the row limit, long before its end", async () => {
    const file = fortyMegabyteField();
    const error = await refusal(readImportRows(file.chunks()));
    expect(error.fields).toEqual([
      expect.objectContaining({ field: "file", code: "row_too_long", message: expect.stringMatching(/Line 2 is longer than 32,768 characters in one row/) }),
    ]);
    expect(file.pulled.bytes).toBeLessThan(256 * 1024);
  });

  it("refuses a row of a million empty values (no characters for the row limit to count)", async () => {
    const file = generated(function* () {
      yield `${header}\n`;
      for (let i = 0; i < 100; i++) yield ",".repeat(10_000);
      yield "\n";
    });
    const error = await refusal(readImportRows(file.chunks()));
    expect(error.fields[0]).toMatchObject({ code: "too_many_columns", message: expect.stringContaining("Line 2 has more than 200 columns") });
  });

  it("refuses one value past the value limit, naming the line", async () => {
    const long = "n".repeat(importLimits.fieldChars + 1);
    await expect(parseImportCsv(encoder.encode(`${header},note\n+12015550123,orders,paper,2026-03-01,Fair,${long}\n`))).rejects.toMatchObject({
      fields: [{ field: "file", code: "value_too_long", message: expect.stringContaining("A value on line 2 is longer than 10,000 characters in one value") }],
    });
    // At the limit it is read (the row's own check then says the note is too long for its column).
    const rows = await parseImportCsv(encoder.encode(`${header},note\n+12015550123,orders,paper,2026-03-01,Fair,${long.slice(1)}\n`));
    expect(rows).toHaveLength(1);
  });

  it("refuses a file of more rows than the limit as it reaches it", async () => {
    // The real limit (500,000) takes seconds to reach; the same check at 1,000 rows.
    const file = generated(function* () {
      yield `${header}\n`;
      for (let i = 0; i < 100_000; i++) yield "1,o,p,d,s\n";
    });
    const error = await refusal(readImportRows(file.chunks(), 1_000));
    expect(error.fields[0]).toMatchObject({ code: "too_many_rows", message: expect.stringContaining("more than 1,000 rows") });
    expect(file.pulled.bytes).toBeLessThan(256 * 1024);
    expect(importLimits.rows).toBe(500_000);
  });

  it(`gives the event loop a turn at least every ${ROWS_PER_SLICE} rows, however fast they are read`, async () => {
    const rows = 5_000;
    const lines = [`${header}`];
    for (let i = 0; i < rows; i++) lines.push(`+1 (201) 555-${String(i).padStart(4, "0")},orders,paper,2026-03-01,Fair`);
    let sinceTurn = 0;
    let longestStretch = 0;
    let turnsWhileReading = 0;
    const turns = eventLoopTurns(() => {
      sinceTurn = 0;
      turnsWhileReading += 1;
    });
    let read = 0;
    try {
      for await (const _row of readImportRows(chunksOf(encoder.encode(`${lines.join("\n")}\n`)))) {
        read += 1;
        sinceTurn += 1;
        longestStretch = Math.max(longestStretch, sinceTurn);
      }
    } finally {
      turns.stop();
    }
    expect(read).toBe(rows);
    // The reader's own turns: without them the whole file is read in one stretch, in microtasks.
    expect(longestStretch).toBeLessThanOrEqual(ROWS_PER_SLICE);
    expect(turnsWhileReading).toBeGreaterThanOrEqual(rows / ROWS_PER_SLICE);
  });

  it("checks a header of 200 columns, repeated ones found in one pass", async () => {
    const names = `${[header, ...Array.from({ length: 194 }, () => "")].join(",")},phone`;
    await expect(parseImportCsv(encoder.encode(`${names}\n`))).rejects.toMatchObject({
      fields: [{ code: "repeated_column", message: "Column named twice: phone." }],
    });
  });
});

describe.each(testDatabaseKinds())("import upload limits on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let compliance: ActiveSession;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    compliance = await signedInMember(t.db, fx.workspace.id, "compliance");
  });
  afterAll(() => t?.drop());

  async function upload(chunks: AsyncIterable<Uint8Array>) {
    const iterator = chunks[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    const request = new Request(`http://t/${fx.workspace.slug}/contacts/import/upload?name=big.csv`, {
      method: "POST",
      headers: { origin: "http://t", "content-type": "text/csv" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await runWorkspaceRoute(uploadImport, t.db, compliance, testMeta, request, { workspace: fx.workspace.slug });
    return { status: response.status, body: (await response.json()) as { errors?: { field: string; code: string; message: string }[] } };
  }

  async function jobs() {
    const [row] = await t.db.select({ n: count() }).from(importJobs).where(eq(importJobs.workspaceId, fx.workspace.id));
    return row!.n;
  }

  it("answers the million-column header and the 40 MB value with 422 naming the limit, keeps no job, reads little of either", async () => {
    for (const [file, code] of [
      [millionColumns(), "too_many_columns"],
      [fortyMegabyteField(), "row_too_long"],
    ] as const) {
      const answer = await upload(file.chunks());
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: "file", code })]);
      expect(file.pulled.bytes).toBeLessThan(512 * 1024);
    }
    expect(await jobs()).toBe(0);
  });

  it("answers a body past the file limit with 413, read only to the limit", async () => {
    // Declared: refused before reading. Not declared (chunked): refused once the count passes the limit.
    const declared = new Request(`http://t/${fx.workspace.slug}/contacts/import/upload`, {
      method: "POST",
      headers: { origin: "http://t", "content-length": String(importLimits.fileBytes + 1) },
      body: "x",
    });
    const response = await runWorkspaceRoute(uploadImport, t.db, compliance, testMeta, declared, { workspace: fx.workspace.slug });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ field: "file", code: "too_large", message: expect.stringContaining("larger than 50 MB") }),
    ]);

    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
      },
    });
    const chunks = limitedBodyChunks(new Request("http://t/", { method: "POST", body, duplex: "half" } as RequestInit), importLimits.fileBytes, {
      field: "file",
      message: "too large",
    });
    await expect(
      (async () => {
        for await (const chunk of chunks) void chunk;
      })(),
    ).rejects.toMatchObject({ status: 413 });
    expect(pulled).toBeLessThanOrEqual(importLimits.fileBytes + 2 * 1024 * 1024);
    expect(await jobs()).toBe(0);
  });

  // A liveness property, counted rather than timed: while a large valid file is previewed, the event loop
  // (which answers /api/health and every tenant's requests) keeps turning all through the file. Before the
  // preview was sliced, 100,000 rows held it for 9 s in one piece. The file arrives a row a chunk, so the rows
  // pulled so far say how far the preview has got (the streams between read a few hundred rows ahead at most).
  it("keeps the event loop turning while it previews a large valid file", async () => {
    const rows = Number(process.env.IMPORT_LIVENESS_ROWS ?? 50_000);
    // A slice (ROWS_PER_SLICE) plus what the streams read ahead: a few hundred rows of this size (16 KiB buffers).
    const mostBetweenTurns = 2_500;
    expect(rows, "a file many stretches long, so one that never turns is seen").toBeGreaterThanOrEqual(10 * mostBetweenTurns);
    let pulled = 0;
    async function* file() {
      yield encoder.encode(`${header},reference\n`);
      for (let i = 0; i < rows; i++) {
        pulled += 1;
        yield encoder.encode(`+1 (201) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, "0")},orders,paper,2026-03-01,Fair,R${i}\n`);
      }
    }
    let longestStretch = 0;
    let atLastTurn = 0;
    const turns = eventLoopTurns(() => {
      longestStretch = Math.max(longestStretch, pulled - atLastTurn);
      atLastTurn = pulled;
    });
    try {
      const job = await previewImport(t.db, { workspaceId: fx.workspace.id, fileName: "large.csv", bytes: file(), createdBy: null });
      expect(job.totalRows).toBe(rows);
      expect(job.goodRows).toBe(rows);
    } finally {
      turns.stop();
    }
    // A loop held to the end never turned after it: the rows since its last turn are a stretch too.
    longestStretch = Math.max(longestStretch, pulled - atLastTurn);
    // Unsliced, the whole file is one stretch; sliced, a stretch is a slice plus what the streams read ahead.
    console.log(`[import liveness ${kind}] ${rows} rows previewed; at most ${longestStretch} rows were read between two turns of the event loop`);
    expect(longestStretch).toBeLessThanOrEqual(mostBetweenTurns);
  });
});
