import "server-only";
import type { Db } from "../db/client";
import { formVersionSnapshots } from "../db/schema/forms";
import { env } from "../env";
import { sha256Hex } from "../ledger/canonical";
import type { FormVersion } from "./publish";

/**
 * Keeps the published page exactly as this server renders it, once per language, beside the version: what a
 * reviewer (or WhatsApp) would have seen. It asks this same process over loopback for the public page, so the
 * snapshot is the real output, not a re-creation. Returns the languages it could not capture.
 */
export async function captureSnapshots(db: Db, workspace: { id: string; slug: string }, formSlug: string, version: FormVersion): Promise<string[]> {
  const missing: string[] = [];
  for (const language of Object.keys(version.content.languages)) {
    try {
      const url = `http://127.0.0.1:${env().PORT}/f/${encodeURIComponent(workspace.slug)}/${encodeURIComponent(formSlug)}?lang=${encodeURIComponent(language)}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000), headers: { "accept-language": language } });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const html = await response.text();
      await db
        .insert(formVersionSnapshots)
        .values({ formVersionId: version.id, workspaceId: workspace.id, language, html, sha256: sha256Hex(html) })
        .onConflictDoNothing();
    } catch (error) {
      console.error(`snapshot of form version ${version.id} (${language}) failed:`, error);
      missing.push(language);
    }
  }
  return missing;
}
