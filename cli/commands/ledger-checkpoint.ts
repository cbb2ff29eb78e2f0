import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { createCheckpoint, createCheckpointsForAll } from "../../lib/ledger/checkpoint";
import { parseCommandArgs, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "ledger:checkpoint",
  summary: "Seal the events appended since the last checkpoint (of one workspace, or of all).",
  usage: "ledger:checkpoint [--workspace <slug>]",
  options: { workspace: { type: "string" } },
};

export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const results =
    typeof values.workspace === "string"
      ? await (async () => {
          const ws = await workspaceBySlug(db, values.workspace as string);
          return [{ workspaceId: ws.id, checkpoint: await createCheckpoint(db, ws.id) }];
        })()
      : await createCheckpointsForAll(db);
  for (const { workspaceId, checkpoint: c } of results) {
    out.write(
      c
        ? `${workspaceId}: checkpoint ${c.seq} sealed ${c.eventCount} events (positions ${c.fromPosition + 1}–${c.toPosition}), hash ${c.hash}\n`
        : `${workspaceId}: nothing new to seal\n`,
    );
  }
  return 0;
}
