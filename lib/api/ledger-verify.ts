import "server-only";
import { verifyLedger } from "../ledger/verify";
import { defineApiRoute, json } from "./route";

/** Recomputes the workspace's hash chains and checkpoints now; the answer is the verification itself. */
export const verifyWorkspaceLedger = defineApiRoute({
  name: "ledger.verify",
  scope: "events:read",
  async handle({ db, principal }) {
    const result = await verifyLedger(db, { workspaceId: principal.workspace.id });
    return json({
      ok: result.ok,
      contacts: result.contacts,
      events: result.events,
      checkpoints: result.checkpoints,
      unsealedEvents: result.unsealedEvents,
      problems: result.problems.map(({ workspaceId: _workspace, ...problem }) => problem),
    });
  },
});
