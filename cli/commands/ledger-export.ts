import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { auditLog } from "../../lib/db/schema/access";
import { exportLedgerProof } from "../../lib/exports/ledger-proof";
import { parseCommandArgs, requireString, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";
import { writeOut } from "../write-out";

export const spec: CommandSpec = {
  name: "ledger:export",
  summary: "Export a workspace's ledger as a proof (JSON Lines: every hashed field, checkpoints, RFC 3161 tokens) for `npx assent-verify`.",
  usage: "ledger:export --workspace <slug> [--out <file>]",
  options: { workspace: { type: "string" }, out: { type: "string" } },
};

export async function run(db: Db, argv: string[], stdout: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const out = typeof values.out === "string" ? values.out : undefined;
  const bytes = await writeOut(exportLedgerProof(db, ws.id), out, stdout);
  if (out) process.stderr.write(`Wrote ${bytes} bytes to ${values.out}. Check it with: npx assent-verify ${values.out}\n`);
  await db.insert(auditLog).values({ workspaceId: ws.id, actorLabel: "cli", action: "ledger.export", detail: { bytes, out: values.out ?? "stdout" } });
  return 0;
}
