import "server-only";
import { ValidationError } from "../errors";
import { KeptHeadError, parseKeptHead } from "../ledger/anchor/kept-heads";
import { verifyLedger } from "../ledger/verify";
import { readQuery } from "./request-body";
import { defineApiRoute, json } from "./route";
import { verifyQuerySchema } from "./schemas";

function keptHeadsFrom(anchor: string | undefined) {
  if (!anchor) return [];
  try {
    return anchor.split(",").map(parseKeptHead);
  } catch (error) {
    if (error instanceof KeptHeadError) throw new ValidationError([{ field: "anchor", code: "invalid_anchor", message: error.message }]);
    throw error;
  }
}

/** Recomputes the workspace's hash chains and checkpoints now; the answer is the verification itself. */
export const verifyWorkspaceLedger = defineApiRoute({
  name: "ledger.verify",
  scope: "events:read",
  async handle({ db, principal, request }) {
    const keptHeads = keptHeadsFrom(readQuery(request, verifyQuerySchema).anchor);
    const result = await verifyLedger(db, { workspaceId: principal.workspace.id, keptHeads });
    const { workspaceId: _workspace, ...anchors } = result.anchors[0]!;
    return json({
      ok: result.ok,
      contacts: result.contacts,
      events: result.events,
      checkpoints: result.checkpoints,
      unsealedEvents: result.unsealedEvents,
      unanchoredCheckpoints: result.unanchoredCheckpoints,
      anchors,
      problems: result.problems.map(({ workspaceId: _ws, ...problem }) => problem),
    });
  },
});
