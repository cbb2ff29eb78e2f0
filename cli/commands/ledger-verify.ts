import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { KeptHeadError, parseKeptHead, parseKeptHeadsFile, type KeptHead } from "../../lib/ledger/anchor/kept-heads";
import type { AnchorSummary } from "../../lib/ledger/anchor/verify-anchors";
import { verifyLedger } from "../../lib/ledger/verify";
import { parseCommandArgs, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "ledger:verify",
  summary:
    "Recompute every hash, chain, digest, state and checkpoint, and check them against their timestamps and the heads you kept; exit 1 if anything is wrong.",
  usage: "ledger:verify [--workspace <slug>] [--anchor <seq>:<hash>]... [--anchors <file>] [--json]",
  options: { workspace: { type: "string" }, anchor: { type: "string", multiple: true }, anchors: { type: "string" }, json: { type: "boolean" } },
};

async function keptHeadsFrom(values: Record<string, unknown>): Promise<KeptHead[]> {
  const heads: KeptHead[] = [];
  try {
    for (const text of (values.anchor as string[] | undefined) ?? []) heads.push(parseKeptHead(text));
    if (typeof values.anchors === "string") {
      const text = await readFile(values.anchors, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`--anchors: cannot read ${values.anchors} (${error.code ?? error.message})`);
      });
      heads.push(...parseKeptHeadsFile(text));
    }
  } catch (error) {
    if (error instanceof KeptHeadError) throw new UsageError(`--anchor/--anchors: ${error.message}`);
    throw error;
  }
  if (heads.some((h) => !h.workspaceId) && typeof values.workspace !== "string")
    throw new UsageError("--anchor <seq>:<hash> needs --workspace: a checkpoint number is per workspace");
  return heads;
}

function anchorLine(a: AnchorSummary): string {
  const head = a.newestAnchoredHead;
  const kept = a.keptHeads > 0 ? `, ${a.keptHeadsMatching} of ${a.keptHeads} kept heads match` : "";
  const newest = head
    ? `newest anchored head: checkpoint ${head.seq} (${head.source === "tsa" ? "RFC 3161 timestamp" : "your kept copy"}, ${head.anchoredAt}, ${head.ageSeconds} s ago), ${a.eventsAfterAnchoredHead} events after it`
    : `no anchored head: ${a.eventsAfterAnchoredHead} events are not covered by anything kept outside the database`;
  return `  ${a.workspaceId}: ${a.timestamped} checkpoints timestamped, ${a.unanchored} not${kept}; ${newest}\n`;
}

export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const keptHeads = await keptHeadsFrom(values);
  const ws = typeof values.workspace === "string" ? await workspaceBySlug(db, values.workspace) : undefined;
  const result = await verifyLedger(db, { workspaceId: ws?.id, keptHeads });
  if (values.json) {
    out.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    out.write(
      `Checked ${result.workspaces} workspace(s), ${result.contacts} contacts, ${result.events} events, ${result.checkpoints} checkpoints` +
        ` (${result.unsealedEvents} events not yet sealed by a checkpoint, ${result.unanchoredCheckpoints} checkpoints not timestamped).\n`,
    );
    for (const a of result.anchors) out.write(anchorLine(a));
    if (result.ok) out.write("OK: every chain, digest, state, checkpoint and anchor verifies.\n");
    else {
      out.write(`FAILED: ${result.problems.length} problem(s). The first:\n  ${result.problems[0]!.message}\n`);
      for (const p of result.problems.slice(1)) out.write(`  - ${p.message}\n`);
    }
  }
  return result.ok ? 0 : 1;
}
