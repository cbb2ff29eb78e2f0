import { isIP } from "node:net";
import { categoryProblems, versionProblem, type RecordingContext } from "../channels/recording-context";
import { PhoneError, normalizePhone } from "../phone/normalize";
import { evidencePersonalDataMessage, evidenceRepeatingPersonalData } from "../ledger/evidence-privacy";
import { originalMethods, type ImportColumnName, type OriginalMethod } from "./columns";
import type { CsvRow } from "./parse";

/** A good row, normalised: what the ledger command is built from, and what its identity is hashed from. */
export type ImportRow = {
  row: number;
  phone: string;
  categories: string[];
  originalMethod: OriginalMethod;
  occurredAt: Date;
  source: string;
  formVersionId: string | null;
  reference: string | null;
  name: string | null;
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  note: string | null;
};

export type RowError = { row: number; column: string; reason: string };

const CLOCK_SKEW_MS = 5 * 60_000;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const limits: Partial<Record<ImportColumnName, number>> = { source: 500, reference: 500, name: 200, user_agent: 1000, page_url: 2000, note: 2000 };

function occurredAtProblem(value: string, now: Date): { date: Date } | { reason: string } {
  if (!dateOnly.test(value) && !dateTime.test(value)) {
    return { reason: "is not a date (2026-03-01) or a date and time with Z or an offset (2026-03-01T14:05:00Z)" };
  }
  const date = new Date(dateOnly.test(value) ? `${value}T00:00:00Z` : value.replace(" ", "T"));
  if (Number.isNaN(date.getTime()) || (dateOnly.test(value) && date.toISOString().slice(0, 10) !== value)) return { reason: "is not a real date" };
  if (date.getTime() > now.getTime() + CLOCK_SKEW_MS) return { reason: "is in the future" };
  if (date.getUTCFullYear() < 2000) return { reason: "is before 2000" };
  return { date };
}

/**
 * Checks one row against the workspace and gives either the normalised row or every problem with it, each
 * with its column. The same checks run in the preview and again when the import writes, so what the preview
 * calls good is what gets written.
 */
export function validateImportRow(csv: CsvRow, context: RecordingContext, now: Date): { ok: true; row: ImportRow } | { ok: false; errors: RowError[] } {
  if ("problem" in csv) return { ok: false, errors: [{ row: csv.row, column: "(row)", reason: csv.problem }] };
  const v = csv.values;
  const errors: RowError[] = [];
  const fail = (column: string, reason: string) => errors.push({ row: csv.row, column, reason });
  const text = (column: ImportColumnName) => v[column] ?? "";

  for (const [column, value] of Object.entries(v)) {
    if (value.includes("\u0000") || !value.isWellFormed()) fail(column, "contains characters that cannot be stored");
    const limit = limits[column as ImportColumnName];
    if (limit && value.length > limit) fail(column, `is longer than ${limit} characters`);
  }

  let phone = "";
  try {
    phone = normalizePhone(text("phone"), context.defaultCountry);
  } catch (error) {
    if (!(error instanceof PhoneError)) throw error;
    fail("phone", error.message);
  }

  const formVersionId = text("form_version_id").toLowerCase() || null;
  const versionBad = formVersionId ? versionProblem(context, formVersionId) : null;
  if (versionBad) fail("form_version_id", versionBad);

  const categories = [
    ...new Set(
      text("categories")
        .split(/[;|]/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  if (categories.length === 0) fail("categories", "is empty: name at least one category key, separated by ;");
  else {
    const problems = categoryProblems(context, categories, versionBad ? null : formVersionId);
    if (problems.length > 0) fail("categories", problems.join("; "));
  }

  const channel = text("channel")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (!(originalMethods as readonly string[]).includes(channel)) fail("channel", `must be one of ${originalMethods.join(", ")}`);

  const occurred = occurredAtProblem(text("occurred_at"), now);
  if ("reason" in occurred) fail("occurred_at", occurred.reason);

  if (!text("source")) fail("source", "is empty: say where the opt-ins were gathered");
  const ip = text("ip");
  if (ip && !isIP(ip)) fail("ip", "is not an IP address");
  const pageUrl = text("page_url");
  if (pageUrl && !/^https?:\/\/[^\s]+$/i.test(pageUrl)) fail("page_url", "is not an http(s) address");
  else if (pageUrl && !URL.canParse(pageUrl)) fail("page_url", "is not an http(s) address");

  // What the ledger would refuse when writing the row (lib/ledger/evidence-privacy.ts), said now, against its column.
  const evidence = { source: text("source"), reference: text("reference"), pageUrl };
  const who = { phone: phone || null, name: text("name"), ip, userAgent: text("user_agent") };
  for (const key of evidenceRepeatingPersonalData("import", evidence, who)) fail(key === "pageUrl" ? "page_url" : key, evidencePersonalDataMessage);

  if (errors.length > 0 || "reason" in occurred) return { ok: false, errors };
  return {
    ok: true,
    row: {
      row: csv.row,
      phone,
      categories,
      originalMethod: channel as OriginalMethod,
      occurredAt: occurred.date,
      source: text("source"),
      formVersionId,
      reference: text("reference") || null,
      name: text("name") || null,
      ip: ip || null,
      userAgent: text("user_agent") || null,
      pageUrl: pageUrl || null,
      note: text("note") || null,
    },
  };
}
