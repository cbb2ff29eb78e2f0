import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { verifyLedger } from "../../lib/ledger/verify";
import { parseCommandArgs, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "ledger:verify",
  summary: "Recompute every hash, chain, digest, state and checkpoint of the ledger; exit 1 if anything is wrong.",
  usage: "ledger:verify [--workspace <slug>] [--json]",
  options: { workspace: { type: "string" }, json: { type: "boolean" } },
};

export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const ws = typeof values.workspace === "string" ? await workspaceBySlug(db, values.workspace) : undefined;
  const result = await verifyLedger(db, { workspaceId: ws?.id });
  if (values.json) {
    out.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    out.write(
      `Checked ${result.workspaces} workspace(s), ${result.contacts} contacts, ${result.events} events, ${result.checkpoints} checkpoints` +
        ` (${result.unsealedEvents} events not yet sealed by a checkpoint).\n`,
    );
    if (result.ok) out.write("OK: every chain, digest, state and checkpoint verifies.\n");
    else {
      out.write(`FAILED: ${result.problems.length} problem(s). The first:\n  ${result.problems[0]!.message}\n`);
      for (const p of result.problems.slice(1)) out.write(`  - ${p.message}\n`);
    }
  }
  return result.ok ? 0 : 1;
}
