import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { auditLog } from "../../lib/db/schema/access";
import { auditExportSchema, exportAuditLog, toAuditRange } from "../../lib/audit/export";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";
import { writeOut } from "../write-out";

export const spec: CommandSpec = {
  name: "audit:export",
  summary: "Export a workspace's staff audit log as CSV, newest first, each entry in words (as the dashboard's download).",
  usage: "audit:export --workspace <slug> [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD, included>] [--out <file>]",
  options: { workspace: { type: "string" }, from: { type: "string" }, to: { type: "string" }, out: { type: "string" } },
};

export async function run(db: Db, argv: string[], stdout: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  // The dashboard's own rules for the days, so both refuse the same ranges.
  const parsed = auditExportSchema.safeParse({ from: values.from, to: values.to });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const out = typeof values.out === "string" ? values.out : undefined;
  const bytes = await writeOut(exportAuditLog(db, ws.id, toAuditRange(parsed.data)), out, stdout);
  if (out) process.stderr.write(`Wrote ${bytes} bytes to ${out}.\n`);
  await db.insert(auditLog).values({
    workspaceId: ws.id,
    actorLabel: "cli",
    action: "audit.export",
    detail: { from: parsed.data.from ?? null, to: parsed.data.to ?? null, bytes, out: out ?? "stdout" },
  });
  return 0;
}
