/**
 * What one import file may be. Every limit is checked while the file streams in, before any work that grows
 * faster than the file (the header's checks), so a hostile file is refused after its first few kilobytes
 * instead of holding the server: a header of a million column names, a 40 MB value, an unclosed quote that
 * swallows the rest of the file into one field. Each is far above what a real import needs: the template has
 * 12 columns and its longest column takes 2,000 characters (lib/imports/validate-row.ts).
 */
export const importLimits = {
  /** The file as uploaded. */
  fileBytes: 50 * 1024 * 1024,
  /** Data rows; far above the 100,000 an import is built and tested for. */
  rows: 500_000,
  /** Columns in any row, blank ones included (spreadsheets add a few trailing empty ones). */
  columns: 200,
  /** Characters in one value. */
  fieldChars: 10_000,
  /** Characters in one row, its values together (csv-parse's max_record_size). */
  rowChars: 32_768,
} as const;

const count = (n: number) => n.toLocaleString("en");

/** The limits in words, for the upload form's hint and the README. */
export const importLimitLabels = {
  fileBytes: `${importLimits.fileBytes / 1024 / 1024} MB`,
  rows: `${count(importLimits.rows)} rows`,
  columns: `${count(importLimits.columns)} columns`,
  fieldChars: `${count(importLimits.fieldChars)} characters in one value`,
  rowChars: `${count(importLimits.rowChars)} characters in one row`,
};
