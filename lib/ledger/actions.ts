import "server-only";
import { z } from "zod";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { recordStaffAudit } from "../handlers/audit";
import { env } from "../env";
import { sealCheckpoint } from "./anchor/anchor";
import { verifyLedger } from "./verify";

const workspaceOnly = z.object({ workspace: z.string() });

/**
 * Recomputes the workspace's whole ledger and keeps the outcome in the audit log, which is where the ledger
 * page reads "last verified". On very large ledgers the CLI (`ledger:verify`) is the better tool.
 */
export const verifyWorkspaceLedger = defineWorkspaceAction({
  name: "ledger.verify",
  permission: "ledger:verify",
  schema: workspaceOnly,
  async run({ db, actor, meta }) {
    const result = await verifyLedger(db, { workspaceId: actor.workspace.id });
    await recordStaffAudit(
      db,
      { actor, meta },
      {
        action: "ledger.verify",
        detail: {
          ok: result.ok,
          events: result.events,
          contacts: result.contacts,
          checkpoints: result.checkpoints,
          unsealedEvents: result.unsealedEvents,
          unanchoredCheckpoints: result.unanchoredCheckpoints,
          newestAnchoredHead: result.anchors[0]?.newestAnchoredHead ?? null,
          firstProblem: result.problems[0]?.message ?? null,
        },
      },
    );
    return {
      message: result.ok
        ? `Verified: ${result.events} events of ${result.contacts} contacts and ${result.checkpoints} checkpoints are intact.`
        : `Verification failed: ${result.problems[0]?.message}`,
    };
  },
});

export const sealLedger = defineWorkspaceAction({
  name: "ledger.checkpoint",
  permission: "ledger:verify",
  schema: workspaceOnly,
  async run({ db, actor }) {
    const { checkpoint, anchored, anchorError } = await sealCheckpoint(db, actor.workspace.id, { tsaUrl: env().TSA_URL });
    if (!checkpoint) return { message: "Nothing new to seal: every event is already in a checkpoint." };
    if (anchorError) console.error(`[ledger] checkpoint ${checkpoint.seq} not timestamped yet:`, anchorError);
    const stamp = anchored ? " and timestamped" : anchorError ? "; the time-stamping authority did not answer, it is asked again in a minute" : "";
    return { message: `Checkpoint ${checkpoint.seq} sealed ${checkpoint.eventCount} events${stamp}.` };
  },
});
