import "server-only";
import type { Db } from "../db/client";
import { formVersionSnapshots } from "../db/schema/forms";
import { env } from "../env";
import { sha256Hex } from "../security/digest";
import { publicBaseUrl } from "../server/urls";
import type { FormVersion } from "./publish";

/**
 * Keeps the published page exactly as this server renders it, once per language, beside the version: what a
 * reviewer (or WhatsApp) would have seen. It asks this same process over loopback for the public page, so the
 * snapshot is the real output, not a re-creation. Returns the languages it could not capture.
 */
export async function captureSnapshots(db: Db, workspace: { id: string; slug: string }, formSlug: string, version: FormVersion): Promise<string[]> {
  const missing: string[] = [];
  const path = `/f/${encodeURIComponent(workspace.slug)}/${encodeURIComponent(formSlug)}`;
  for (const language of Object.keys(version.content.languages)) {
    try {
      const html = await fetchPage(`${path}?lang=${encodeURIComponent(language)}`, language);
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

/**
 * Loopback first (PORT, when the server was started with it); the public address otherwise, since `next start
 * -p` does not tell the process its port.
 */
async function fetchPage(pathAndQuery: string, language: string): Promise<string> {
  const bases = [...new Set([`http://127.0.0.1:${env().PORT}`, publicBaseUrl()])];
  let last: unknown;
  for (const base of bases) {
    try {
      const response = await fetch(base + pathAndQuery, { signal: AbortSignal.timeout(15_000), headers: { "accept-language": language }, redirect: "error" });
      if (!response.ok) throw new Error(`${base} answered ${response.status}`);
      return await response.text();
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
