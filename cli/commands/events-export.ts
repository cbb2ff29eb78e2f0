import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { auditLog } from "../../lib/db/schema/access";
import { exportEvents, type ExportFormat } from "../../lib/exports/events";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";
import { writeOut } from "../write-out";

export const spec: CommandSpec = {
  name: "events:export",
  summary: "Export a workspace's consent events as CSV or JSON Lines, streamed in ledger order.",
  usage: "events:export --workspace <slug> [--format csv|jsonl] [--from <ISO date>] [--to <ISO date>] [--out <file>]",
  options: { workspace: { type: "string" }, format: { type: "string" }, from: { type: "string" }, to: { type: "string" }, out: { type: "string" } },
};

function dateOption(values: Record<string, string | boolean | undefined>, name: string): Date | undefined {
  const raw = values[name];
  if (typeof raw !== "string") return undefined;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--${name} "${raw}" is not a date (use e.g. 2026-01-31 or 2026-01-31T12:00:00Z)`);
  return date;
}

export async function run(db: Db, argv: string[], stdout: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const format = (values.format ?? "csv") as string;
  if (format !== "csv" && format !== "jsonl") throw new UsageError("--format must be csv or jsonl");
  const from = dateOption(values, "from");
  const to = dateOption(values, "to");
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const out = typeof values.out === "string" ? values.out : undefined;
  const bytes = await writeOut(exportEvents(db, { workspaceId: ws.id, from, to }, format as ExportFormat), out, stdout);
  if (out) process.stderr.write(`Wrote ${bytes} bytes to ${values.out}.\n`);
  await db.insert(auditLog).values({
    workspaceId: ws.id,
    actorLabel: "cli",
    action: "events.export",
    detail: { format, from: from?.toISOString() ?? null, to: to?.toISOString() ?? null, bytes, out: values.out ?? "stdout" },
  });
  return 0;
}
