import "server-only";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { findSnapshot } from "./builder.queries";
import { NotFoundError } from "../errors";
import { snapshotContentSecurityPolicy } from "./snapshot-policy";
import { presentSnapshot } from "./snapshot-view";

/**
 * A kept page snapshot, shown as it was rendered, under a banner that says which version it is, with its controls
 * disabled (lib/forms/snapshot-view.ts); with ?original=1 the kept bytes themselves, which x-snapshot-sha256
 * covers, as a download. The sandbox CSP (lib/forms/snapshot-policy.ts) stops its scripts and forms from running
 * either way: it is evidence to look at, not a live page.
 */
export const viewSnapshot = defineWorkspaceRoute({
  name: "forms.snapshot",
  permission: "forms:read",
  async handle({ db, actor, request, params }) {
    const query = new URL(request.url).searchParams;
    const language = query.get("lang") ?? "";
    const snapshot = await findSnapshot(db, actor.workspace.id, params.version ?? "", language);
    if (!snapshot) throw new NotFoundError("This snapshot");
    const original = query.get("original") === "1";
    const headers: Record<string, string> = {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": snapshotContentSecurityPolicy,
      "x-snapshot-sha256": snapshot.sha256,
      "cache-control": "no-store",
    };
    if (original) {
      // The language code is one of the form's (letters and "-"); the filename keeps only those characters anyway.
      const name = `form-version-${snapshot.version}-${snapshot.language.replace(/[^A-Za-z0-9-]/g, "")}.html`;
      headers["content-disposition"] = `attachment; filename="${name}"`;
    }
    return new Response(original ? snapshot.html : presentSnapshot(snapshot.html, snapshot), { headers });
  },
});
