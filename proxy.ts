import { NextResponse, type NextRequest } from "next/server";
import { framingHeaders } from "./lib/forms/frame-ancestors";
import { lookUpFrameAncestors } from "./lib/forms/frame-policy-bridge";
import { publicPathHeader } from "./lib/consumer/path-header";

/**
 * Per-form framing headers for the hosted form pages. Page files cannot set response headers and next.config's
 * headers() cannot read the database, so this is the one place that can say "this form may be framed by these
 * sites". next.config.ts sends frame-ancestors 'none' everywhere else. Authorisation is never decided here.
 * It also hands the consumer pages' path to the root layout, which sets <html lang> from it.
 */
export async function proxy(request: NextRequest) {
  const [, f, workspace, form] = request.nextUrl.pathname.split("/");
  const domains = f === "f" && workspace && form ? await lookUpFrameAncestors(safeDecode(workspace), safeDecode(form)) : [];
  // The consumer pages' path and query, for the root layout's <html lang> (lib/consumer/pages.ts).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(publicPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(framingHeaders(domains))) response.headers.set(name, value);
  return response;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const config = { matcher: ["/f/:path*", "/p/:path*"] };
