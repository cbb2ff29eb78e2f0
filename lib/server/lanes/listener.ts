import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { appDatabase } from "../app-database";
import { createLeanApp } from "./lean-app";
import { isLeanRequest } from "./lean.routes";
import { nextLane } from "./next-lane";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The one request listener of the process (server.ts): machine traffic and the public forms' submissions to the
 * lean lane, everything else (every page, Auth.js, built assets) to Next.js. One port and one process, so the embedded PGlite, which only one process
 * may open, serves both lanes through the same handle (lib/server/app-database.ts keeps it on globalThis).
 */
export function assentListener(nextHandler: NodeHandler): NodeHandler {
  // The Node request objects stay Node's own (overrideGlobalObjects: false): Next.js shares the process and
  // checks `instanceof Response` on what its routes return.
  const lean = getRequestListener(createLeanApp(async () => (await appDatabase()).handle).fetch, { overrideGlobalObjects: false });
  const pages = nextLane(nextHandler);
  return (req, res) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    if (!isLeanRequest(req.method, query === -1 ? url : url.slice(0, query))) return pages(req, res);
    // What Next.js does for its own lane: an address for the client when no proxy in front named one
    // (lib/server/request-meta.ts reads it; a proxy's header is kept as it is).
    if (req.headers["x-forwarded-for"] === undefined && req.socket.remoteAddress) req.headers["x-forwarded-for"] = req.socket.remoteAddress;
    return lean(req, res);
  };
}
