import "server-only";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { findSnapshot } from "./builder.queries";
import { NotFoundError } from "../errors";
import { snapshotContentSecurityPolicy } from "./snapshot-policy";

/**
 * A kept page snapshot, shown as it was rendered. The sandbox CSP (lib/forms/snapshot-policy.ts) stops its
 * scripts and forms from running: it is evidence to look at, not a live page.
 */
export const viewSnapshot = defineWorkspaceRoute({
  name: "forms.snapshot",
  permission: "forms:read",
  async handle({ db, actor, request, params }) {
    const language = new URL(request.url).searchParams.get("lang") ?? "";
    const snapshot = await findSnapshot(db, actor.workspace.id, params.version ?? "", language);
    if (!snapshot) throw new NotFoundError("This snapshot");
    return new Response(snapshot.html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": snapshotContentSecurityPolicy,
        "x-snapshot-sha256": snapshot.sha256,
        "cache-control": "no-store",
      },
    });
  },
});
