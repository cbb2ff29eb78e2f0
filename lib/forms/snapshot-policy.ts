/**
 * The kept page snapshots' own Content-Security-Policy: `sandbox` stops the snapshot's scripts and forms from
 * running (it is evidence to look at, not a live page), and nothing is loaded from elsewhere. The route sets it
 * (lib/forms/snapshot.routes.ts), and proxy.ts, whose page policy would otherwise replace it, sets the same one on
 * this path. No server-only imports: proxy.ts runs it.
 */
export const snapshotContentSecurityPolicy =
  "sandbox; default-src 'none'; style-src 'unsafe-inline' 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** /{workspace}/forms/{form}/versions/{version}/snapshot, matched decoded, as Next.js routes it. */
export function isSnapshotPath(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Undecodable addresses are refused before this (lib/security/request-url.ts); match them as they are.
  }
  return /^\/[^/]+\/forms\/[^/]+\/versions\/[^/]+\/snapshot\/?$/.test(decoded);
}
