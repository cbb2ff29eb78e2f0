import { Readable } from "node:stream";
import { CsvError, parse, type InfoField } from "csv-parse";
import { ValidationError, type FieldError } from "../errors";
import { timeSlicer } from "../server/time-slice";
import { columnNameOf, importColumnNames, importColumns, type ImportColumnName } from "./columns";
import { importLimitLabels, importLimits } from "./limits";

export type CsvRow = { row: number; values: Partial<Record<ImportColumnName, string>> } | { row: number; problem: string };

/** Pieces a stored file is fed to the parser in: each is parsed in well under a millisecond. */
const SLICE_BYTES = 64 * 1024;

/**
 * The most records read (and rows checked by the consumer) between two turns of the event loop, however fast
 * they go: a few milliseconds of work on a loaded machine, and a turn costs microseconds.
 */
export const ROWS_PER_SLICE = 100;

/** A file already in memory (a stored import, a test's file) as the chunks readImportRows takes. */
export function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += SLICE_BYTES) yield bytes.subarray(i, i + SLICE_BYTES);
}

/**
 * Reads an import file as it streams in: the header names the columns (in any order), every later record is
 * a row numbered as a spreadsheet numbers it (the header is row 1). A file that cannot be read as a whole (not
 * UTF-8, broken quoting, a missing, unknown or repeated column, past one of lib/imports/limits.ts) is refused
 * with the reason as soon as that is known, and the rest of it is not read; a row with the wrong number of
 * values is a bad row, reported with the others.
 *
 * The work is cut into slices (10 ms, or ROWS_PER_SLICE records, whichever comes first) with a turn of the event
 * loop between them (lib/server/time-slice.ts), the consumer's own work on each row counted in, so checking a
 * large file never holds up other requests.
 */
export async function* readImportRows(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  rowLimit: number = importLimits.rows,
): AsyncGenerator<CsvRow, void, undefined> {
  const bytes = { total: 0 };
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
    // Stops a record (a row, or the header) at this many characters while it is still being read.
    max_record_size: importLimits.rowChars,
    // Called for every value as soon as it ends, so a row of a million empty values stops at the limit.
    cast: checkValue,
  });
  const text = Readable.from(utf8Text(chunks, bytes));
  text.once("error", (error) => parser.destroy(error));
  // The consumer stopped (a refusal, or it failed): stop reading the source too.
  parser.once("close", () => text.destroy());
  text.pipe(parser);

  const pause = timeSlicer({ maxSteps: ROWS_PER_SLICE });
  let header: { names: string[]; width: number } | undefined;
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      await pause();
      if (!header) {
        header = { names: checkHeader(record), width: record.length };
        continue;
      }
      rows += 1;
      if (rows > rowLimit)
        throw fileError(
          "too_many_rows",
          `The file has more than ${rowLimit.toLocaleString("en")} rows, the most one import may have. Split it into smaller files.`,
        );
      yield toRow(rows + 1, record, header);
    }
  } catch (error) {
    throw readError(error);
  } finally {
    parser.destroy();
  }
  if (!header) {
    throw bytes.total === 0
      ? new ValidationError([{ field: "file", code: "required", message: "The file is empty. Choose a CSV file." }], "The file is empty. Choose a CSV file.")
      : fileError("unreadable", "The file is empty. The first line must name the columns (download the template).");
  }
}

/** The whole file's rows, for tests and small files. */
export async function parseImportCsv(bytes: Uint8Array): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of readImportRows(chunksOf(bytes))) rows.push(row);
  return rows;
}

/** The bytes as text, refused at the first byte that is not UTF-8; counted for the "empty file" message. */
async function* utf8Text(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, bytes: { total: number }): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw fileError("unreadable", "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.");
    }
  };
  for await (const chunk of chunks) {
    bytes.total += chunk.byteLength;
    for (let i = 0; i < chunk.byteLength; i += SLICE_BYTES) {
      const piece = decode(chunk.subarray(i, i + SLICE_BYTES));
      if (piece) yield piece;
    }
  }
  const rest = decode();
  if (rest) yield rest;
}

function checkValue(value: string, context: InfoField): string {
  if (context.index >= importLimits.columns) {
    throw fileError(
      "too_many_columns",
      `Line ${context.lines} has more than ${importLimitLabels.columns}, the most a file may have. The columns are: ${importColumnNames.join(", ")}.`,
    );
  }
  if (value.length > importLimits.fieldChars) {
    throw fileError(
      "value_too_long",
      `A value on line ${context.lines} is longer than ${importLimitLabels.fieldChars}, the most a file may have. Check for a quote (") that is never closed.`,
    );
  }
  return value;
}

/** The header's names; every check here is linear in the header (a Set), and the header is bounded above. */
function checkHeader(record: string[]): string[] {
  const names = record.map(columnNameOf);
  const known = new Set<string>(importColumnNames);
  const problems: FieldError[] = [];
  const unknown = [...new Set(names.filter((n) => n !== "" && !known.has(n)))];
  if (unknown.length > 0) {
    problems.push({
      field: "file",
      code: "unknown_column",
      message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. The columns are: ${importColumnNames.join(", ")}.`,
    });
  }
  const present = new Set(names);
  const missing = importColumns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  if (missing.length > 0)
    problems.push({ field: "file", code: "missing_column", message: `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.` });
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const n of names) {
    if (n !== "" && seen.has(n)) repeated.add(n);
    seen.add(n);
  }
  if (repeated.size > 0) problems.push({ field: "file", code: "repeated_column", message: `Column named twice: ${[...repeated].join(", ")}.` });
  if (problems.length > 0) throw new ValidationError(problems, problems.map((p) => p.message).join(" "));
  return names;
}

function toRow(row: number, record: string[], header: { names: string[]; width: number }): CsvRow {
  if (record.length !== header.width) return { row, problem: `has ${record.length} values; the header has ${header.width}` };
  const values: Partial<Record<ImportColumnName, string>> = {};
  header.names.forEach((name, k) => {
    if (name !== "") values[name as ImportColumnName] = record[k]!.trim();
  });
  return { row, values };
}

/** Errors from the parser as the user's reason: our own refusals as they are, csv-parse's in words. */
function readError(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  if (error.code === "CSV_MAX_RECORD_SIZE") {
    const line = (error as CsvError & { lines?: number }).lines;
    return fileError(
      "row_too_long",
      `${line ? `Line ${line}` : "A row"} is longer than ${importLimitLabels.rowChars}, the most a file may have. Check for a quote (") that is never closed.`,
    );
  }
  return fileError("unreadable", `The file is not valid CSV: ${error.message}`);
}

function fileError(code: string, message: string) {
  return new ValidationError([{ field: "file", code, message }], message);
}
