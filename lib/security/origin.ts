/**
 * Whether a POST to a page comes from another site. Server actions are the app's only cookie-authenticated
 * writes; Next.js refuses a foreign Origin too, but with a 500, after parsing the body. proxy.ts refuses it
 * first, with a 403, by the same rule: the Origin's host must be the host the request was sent to (the
 * reverse proxy's X-Forwarded-Host, else Host). "Origin: null" (sandboxed frames, privacy-stripped
 * redirects) is foreign. A request without Origin is not a browser's cross-site form post and is left to
 * Next.js, as before.
 */
export function isCrossOriginPost(request: Request): boolean {
  if (request.method !== "POST") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
  try {
    return origin === "null" || new URL(origin).host.toLowerCase() !== host;
  } catch {
    return true;
  }
}
