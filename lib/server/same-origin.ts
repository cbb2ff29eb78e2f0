import "server-only";
import { ForbiddenError } from "../errors";
import { env } from "../env";

/**
 * Cross-site request forgery guard for cookie-authenticated route handlers that change something. Server
 * actions get this check from Next.js (Origin against Host or X-Forwarded-Host); route handlers do not, so
 * they call this: the browser's Origin must be this app's own address, or APP_URL's. A missing Origin is
 * refused too: every browser sends one on a POST.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const allowed = [forwarded, request.headers.get("host"), new URL(request.url).host, appUrlHost()].filter(Boolean);
  if (!originHost || !allowed.includes(originHost)) {
    throw new ForbiddenError("This request did not come from this site's own pages. Reload the page and try again.");
  }
}

function appUrlHost(): string | null {
  const url = env().APP_URL;
  return url ? new URL(url).host : null;
}
