/**
 * The CSV import's columns: the one list the parser, the validator, the page, the template and the README
 * follow. Headers are matched case-insensitively, with spaces or dashes read as underscores.
 */
export const originalMethods = ["web", "sms", "whatsapp", "ivr", "paper", "in_person", "other"] as const;
export type OriginalMethod = (typeof originalMethods)[number];

export type ImportColumn = { name: string; required: boolean; meaning: string; example: string };

export const importColumns = [
  { name: "phone", required: true, meaning: "The number, in any format; national numbers are read in the workspace's country.", example: "+1 201 555 0123" },
  { name: "categories", required: true, meaning: "Category keys the person agreed to, separated by ; (see Settings → Categories).", example: "orders;offers" },
  { name: "channel", required: true, meaning: `How the person opted in where it was gathered: ${originalMethods.join(", ")}.`, example: "paper" },
  {
    name: "occurred_at",
    required: true,
    meaning: "When they opted in: a date (2026-03-01) or a date and time with Z or an offset. Not in the future.",
    example: "2026-03-01T14:05:00Z",
  },
  { name: "source", required: true, meaning: "Where the opt-ins were gathered, in a few words.", example: "Spring fair 2026 sign-up sheets" },
  { name: "form_version_id", required: false, meaning: "The published form version whose wording the person saw; it must offer the categories.", example: "" },
  { name: "reference", required: false, meaning: "The record's id in the system it came from.", example: "CRM-10442" },
  { name: "name", required: false, meaning: "The person's name.", example: "Ana Souza" },
  { name: "ip", required: false, meaning: "The IP address the opt-in came from (web sign-ups).", example: "203.0.113.7" },
  { name: "user_agent", required: false, meaning: "The browser that sent it (web sign-ups).", example: "" },
  { name: "page_url", required: false, meaning: "The page the person signed up on (web sign-ups).", example: "" },
  { name: "note", required: false, meaning: "Anything else a reviewer should know.", example: "" },
] as const satisfies readonly ImportColumn[];

export type ImportColumnName = (typeof importColumns)[number]["name"];
export const importColumnNames = importColumns.map((c) => c.name) as ImportColumnName[];

/** A header cell as the column it names: "Occurred At" and "occurred-at" are occurred_at. */
export function columnNameOf(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The template offered for download: the header and one example row, naming the workspace's own categories. */
export function importTemplateCsv(categoryKeys: string[] = []): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const example = importColumns.map((c) => (c.name === "categories" && categoryKeys.length > 0 ? categoryKeys.join(";") : c.example));
  return `${importColumnNames.join(",")}\r\n${example.map(quote).join(",")}\r\n`;
}
