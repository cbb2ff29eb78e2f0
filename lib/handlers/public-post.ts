import "server-only";
import { ForbiddenError } from "../errors";
import { assertSameOrigin } from "../server/same-origin";
import { BodyTooLargeError, readLimitedBody } from "../server/limited-body";

/**
 * What the public pages' POST handlers (the hosted form, the preference centre) share. They are plain
 * `(db, request, params) => Response` functions behind stable URLs, not server actions: a server action's id
 * changes with every build, so a page opened before a deploy and sent after it would be refused and the
 * person's consent lost. Each answers a browser without JavaScript with redirects (post/redirect/get) and the
 * page's own script, which asks with `Accept: application/json`, with JSON.
 */

/** A few short fields; far more than any honest post, little enough to hold in memory. */
const maxFormBytes = 64 * 1024;

export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes("application/json");
}

const noStore = { "cache-control": "no-store" };

export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, ...noStore, ...headers } });
}

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

function refusal(request: Request, status: number, message: string): Response {
  if (wantsJson(request)) return jsonAnswer({ ok: false, error: message }, status);
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", ...noStore } });
}

/**
 * A urlencoded body (what a browser posts without JavaScript) as FormData, parsed as the platform's own
 * Response.formData() parses it (the URL standard's application/x-www-form-urlencoded parser, UTF-8), without
 * first turning the bytes into a stream.
 */
function urlEncodedForm(body: Buffer): FormData {
  const data = new FormData();
  for (const [name, value] of new URLSearchParams(body.toString("utf8"))) data.append(name, value);
  return data;
}

/**
 * The posted form, or the answer that refuses it: from another site (checked here as well as in proxy.ts, since
 * these handlers are also meant to be served without it), not a form, too large or unreadable. Nothing is
 * read from a refused request beyond its headers.
 */
export async function readPublicForm(request: Request): Promise<{ data: FormData } | { refused: Response }> {
  try {
    assertSameOrigin(request);
  } catch (error) {
    if (error instanceof ForbiddenError) return { refused: refusal(request, 403, error.message) };
    throw error;
  }
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return { refused: refusal(request, 415, "Send the form as a form (application/x-www-form-urlencoded).") };
  }
  try {
    const body = await readLimitedBody(request, maxFormBytes, { field: "body", message: "This form is too large." });
    if (type.startsWith("application/x-www-form-urlencoded")) return { data: urlEncodedForm(body) };
    // The header as sent: a multipart boundary is case-sensitive.
    return { data: await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData() };
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { refused: refusal(request, 413, error.message) };
    return { refused: refusal(request, 400, "The form could not be read.") };
  }
}
