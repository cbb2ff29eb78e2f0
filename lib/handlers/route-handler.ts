import "server-only";
import { currentSession } from "../auth/current-session";
import { getDb } from "../server/app-database";
import { requestMetaFrom } from "../server/request-meta";
import { runWorkspaceRoute, type WorkspaceRouteDef } from "./workspace-route";

/**
 * Turns a definition into a Next.js route handler. Dashboard route.ts files export only what this returns,
 * which the authorisation matrix test checks.
 */
export function routeHandler(def: WorkspaceRouteDef) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> =>
    runWorkspaceRoute(def, await getDb(), await currentSession(), requestMetaFrom(request.headers), request, await context.params);
}
