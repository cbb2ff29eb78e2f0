import { parse } from "csv-parse/sync";
import { ValidationError, type FieldError } from "../errors";
import { columnNameOf, importColumnNames, importColumns, type ImportColumnName } from "./columns";

export type CsvRow = { row: number; values: Partial<Record<ImportColumnName, string>> } | { row: number; problem: string };

/** Most data rows one file may have; far above the 100,000 an import is built and tested for. */
export const MAX_IMPORT_ROWS = 500_000;

/**
 * Reads an import file: the header names the columns (in any order), every later record is a row numbered as
 * a spreadsheet numbers it (the header is row 1). A file that cannot be read as a whole (not UTF-8, broken
 * quoting, a missing or unknown column) is refused with the reason; a row with the wrong number of values
 * is a bad row, reported with the others.
 */
export function parseImportCsv(bytes: Uint8Array): { columns: ImportColumnName[]; rows: CsvRow[] } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fileError("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.");
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    throw fileError(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (!header) throw fileError("The file is empty. The first line must name the columns (download the template).");
  if (data.length > MAX_IMPORT_ROWS) throw fileError(`The file has ${data.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}.`);
  const names = header.map(columnNameOf);
  const problems: FieldError[] = [];
  const unknown = names.filter((n) => n !== "" && !(importColumnNames as string[]).includes(n));
  if (unknown.length > 0) {
    problems.push({ field: "file", code: "unknown_column", message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. The columns are: ${importColumnNames.join(", ")}.` });
  }
  const missing = importColumns.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) problems.push({ field: "file", code: "missing_column", message: `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.` });
  const repeated = names.filter((n, i) => n !== "" && names.indexOf(n) !== i);
  if (repeated.length > 0) problems.push({ field: "file", code: "repeated_column", message: `Column named twice: ${[...new Set(repeated)].join(", ")}.` });
  if (problems.length > 0) throw new ValidationError(problems, problems.map((p) => p.message).join(" "));

  const rows = data.map((record, i): CsvRow => {
    const row = i + 2;
    if (record.length !== header.length) return { row, problem: `has ${record.length} values; the header has ${header.length}` };
    const values: Partial<Record<ImportColumnName, string>> = {};
    names.forEach((name, k) => {
      if (name !== "") values[name as ImportColumnName] = record[k]!.trim();
    });
    return { row, values };
  });
  return { columns: names.filter((n) => n !== "") as ImportColumnName[], rows };
}

function fileError(message: string) {
  return new ValidationError([{ field: "file", code: "unreadable", message }], message);
}
