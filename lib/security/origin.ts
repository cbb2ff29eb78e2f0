/**
 * Whether a POST to a page may not be from this app's own pages. Server actions are the app's only
 * cookie-authenticated writes; Next.js refuses a foreign Origin too, but with a 500, after parsing the body, and
 * lets a missing one through. proxy.ts refuses both first, with a 403, by the same rule as the route handlers
 * (lib/server/same-origin.ts): the Origin's host must be the host the request was sent to (the reverse proxy's
 * X-Forwarded-Host, else Host). "Origin: null" (sandboxed frames, privacy-stripped redirects) is foreign, and so is
 * a POST without Origin: every browser sends Origin on a POST, from fetch (React's action calls) and from a plain
 * form post without JavaScript alike, so only something that is not a browser, or a browser tricked into leaving it
 * out, posts without one.
 */
export function isCrossOriginPost(request: Request): boolean {
  return request.method === "POST" && !isOwnOrigin(request.headers);
}

/** The request's Origin names the host it was sent to. Missing, "null" or malformed is not. */
export function isOwnOrigin(headers: Pick<Headers, "get">): boolean {
  const origin = headers.get("origin");
  if (origin === null || origin === "null") return false;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
  try {
    return new URL(origin).host.toLowerCase() === host;
  } catch {
    return false;
  }
}
