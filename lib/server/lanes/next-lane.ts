import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { staleActionPage } from "./stale-action-page";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const ACTION_NOT_FOUND = "x-nextjs-action-not-found";

/**
 * Next.js's request handler, with one change: a form posted without JavaScript (no Next-Action header) to an action
 * this build does not know (a page opened before a deploy) gets a real page in the person's language, status 409,
 * instead of Next.js's bare text. With JavaScript on the client throws and app/error.tsx shows the same message.
 * Next.js decides, and marks its answer with x-nextjs-action-not-found: this only recognises the mark, so it never
 * has to guess which action ids a build knows.
 */
export function nextLane(handle: NodeHandler): NodeHandler {
  return (req, res) => {
    if (req.method === "POST" && req.headers["next-action"] === undefined) replaceStaleActionAnswer(req, res);
    return handle(req, res);
  };
}

function replaceStaleActionAnswer(req: IncomingMessage, res: ServerResponse): void {
  // Wrapped, never put back: Next.js's compression wraps these same methods after us and calls ours underneath, so
  // restoring the originals would unhook it. Once the answer is known to be an ordinary one they only pass through.
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let replacing: boolean | undefined;
  const marked = (headers: unknown) =>
    res.getHeader(ACTION_NOT_FOUND) !== undefined ||
    (typeof headers === "object" && headers !== null && !Array.isArray(headers) && Object.keys(headers).some((k) => k.toLowerCase() === ACTION_NOT_FOUND));
  const decide = (status: number, headers?: unknown) => {
    replacing ??= status === 409 && marked(headers);
    return replacing;
  };
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (
      decide(
        status,
        rest.find((r) => typeof r === "object"),
      )
    )
      return this;
    return (original.writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (decide(this.statusCode)) return true;
    return (original.write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!decide(this.statusCode)) return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const url = new URL(req.url ?? "/", "http://assent.invalid");
    const { html, language } = staleActionPage(url, req.headers["accept-language"]);
    const body = Buffer.from(html, "utf8");
    for (const name of ["content-length", "content-encoding", "transfer-encoding", "etag", ACTION_NOT_FOUND]) this.removeHeader(name);
    original.writeHead.call(this, 409, {
      "content-type": "text/html; charset=utf-8",
      "content-length": body.length,
      "content-language": language,
      "cache-control": "no-store",
    });
    return (original.end as (chunk: Buffer) => ServerResponse).call(this, body);
  } as ServerResponse["end"];
}
