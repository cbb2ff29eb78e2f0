import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { env } from "../../lib/env";
import { sealAllWorkspaces, sealCheckpoint } from "../../lib/ledger/anchor/anchor";
import { parseCommandArgs, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "ledger:checkpoint",
  summary: "Seal the events appended since the last checkpoint (of one workspace, or of all), timestamped when TSA_URL is set.",
  usage: "ledger:checkpoint [--workspace <slug>]",
  options: { workspace: { type: "string" } },
};

export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const tsaUrl = env().TSA_URL;
  const results =
    typeof values.workspace === "string"
      ? await (async () => {
          const ws = await workspaceBySlug(db, values.workspace as string);
          return [{ workspaceId: ws.id, ...(await sealCheckpoint(db, ws.id, { tsaUrl })) }];
        })()
      : await sealAllWorkspaces(db, { tsaUrl });
  for (const { workspaceId, checkpoint: c, anchored, anchorError } of results) {
    if (!c) {
      out.write(`${workspaceId}: nothing new to seal\n`);
      continue;
    }
    const stamp = anchored ? ", timestamped" : anchorError ? ` (not timestamped yet: ${anchorError}; the app asks again)` : "";
    out.write(`${workspaceId}: checkpoint ${c.seq} sealed ${c.eventCount} events (positions ${c.fromPosition + 1}–${c.toPosition}), hash ${c.hash}${stamp}\n`);
  }
  return 0;
}
