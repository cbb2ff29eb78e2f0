import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { frameAncestorSources } from "./lib/forms/frame-ancestors";
import { isSnapshotPath, snapshotContentSecurityPolicy } from "./lib/forms/snapshot-policy";
import { lookUpFrameAncestors } from "./lib/forms/frame-policy-bridge";
import { requestPathHeader } from "./lib/server/request-path-header";
import { undecodableActionArguments } from "./lib/security/action-reply";
import { unreadableFormBody } from "./lib/security/form-body";
import { isCrossOriginPost } from "./lib/security/origin";
import { unservableAddress } from "./lib/security/request-url";
import { cameOverHttps, clearedRefusalCookie, refusalCookieName } from "./lib/channels/web/refusal-cookie-name";
import { contentSecurityPolicy, newNonce, securityHeaders, type FramePolicy } from "./lib/security/headers";

/**
 * The security headers of every page (lib/security/headers.ts): a Content-Security-Policy with a fresh script
 * nonce per response, which Next.js reads from the request's copy of the header and stamps on its inline
 * scripts; and framing rules: a hosted form may be framed by the sites its form allows (page files cannot set
 * response headers and next.config's headers() cannot read the database), the builder's preview by the
 * dashboard, nothing else at all. Authorisation is never decided here.
 * It also hands the consumer pages' path to the root layout, which sets <html lang> from it.
 */
export async function proxy(request: NextRequest) {
  const unservable = unservableAddress(request.nextUrl.pathname, request.nextUrl.search);
  if (unservable) return refuse(400, unservable);
  const [, first, workspace, form, ...rest] = request.nextUrl.pathname.split("/");
  // The API answers JSON and runs no scripts: next.config.ts gives it static headers, and it needs nothing else here.
  if (first === "api") return NextResponse.next();
  if (isCrossOriginPost(request)) return refuse(403, "Cross-site form posts are refused.");
  if (await unreadableFormBody(request)) return refuse(400, "The form could not be read.");
  if (await undecodableActionArguments(request)) return refuse(400, "The action's arguments could not be read.");
  const frame: FramePolicy =
    first === "f" && workspace && form
      ? { kind: "sites", sources: frameAncestorSources(await lookUpFrameAncestors(safeDecode(workspace), safeDecode(form))) }
      : first === "preview"
        ? { kind: "self" }
        : { kind: "none" };
  const nonce = newNonce();
  const development = env().NODE_ENV === "development";
  const requestHeaders = new Headers(request.headers);
  // The path and query, for the root layout's <html lang> (lib/public-pages/pages.ts) and the sign-in guard (lib/auth/page-guards.ts).
  requestHeaders.set(requestPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  requestHeaders.set("Content-Security-Policy", contentSecurityPolicy({ nonce, frame, development }));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  const https = cameOverHttps(request);
  // The hosted form page reads a refused post's cookie on this request (lib/channels/web/refusal-cookie.ts); the
  // browser drops it with this answer, so a reload shows a clean form. Page files cannot set cookies.
  if (request.method === "GET" && first === "f" && workspace && form && rest.length === 0 && request.cookies.has(refusalCookieName)) {
    response.headers.append("set-cookie", clearedRefusalCookie(`/${first}/${workspace}/${form}`, https));
  }
  for (const [name, value] of Object.entries(securityHeaders({ nonce, frame, development, strictTransport: https && env().NODE_ENV === "production" }))) {
    response.headers.set(name, value);
  }
  // A page snapshot keeps its own sandboxing policy: these headers would replace the one its route sets.
  if (isSnapshotPath(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", snapshotContentSecurityPolicy);
  return response;
}

function refuse(status: number, message: string): NextResponse {
  return new NextResponse(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Every page and route; not built assets, and not the two upload routes: Next.js buffers the body of every request
// the proxy sees and hands the route only its first 10 MB (proxyClientMaxBodySize), which would cut a 50 MB CSV
// or a 10 MB scan short. Those routes check the session, the role and the Origin themselves and stream the body
// under their own limits (lib/server/limited-body.ts, lib/server/same-origin.ts).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|[^/]+/contacts/import/upload$|[^/]+/contacts/paper/record$).*)"],
};
