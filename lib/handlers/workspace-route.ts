import "server-only";
import type { Db } from "../db/client";
import type { ActiveSession } from "../auth/staff-sessions";
import { authorizeWorkspace, type WorkspaceActor } from "../auth/guards";
import type { Permission } from "../auth/permissions";
import { AppError } from "../errors";
import type { RequestMeta } from "../server/request-meta";

export type RouteContext = { db: Db; actor: WorkspaceActor; meta: RequestMeta; request: Request; params: Record<string, string> };

export type WorkspaceRouteDef = {
  /** Stable name, used by the authorisation matrix test and in logs. */
  name: string;
  permission: Permission;
  handle(ctx: RouteContext): Promise<Response>;
};

export function defineWorkspaceRoute(def: WorkspaceRouteDef): WorkspaceRouteDef {
  return def;
}

/** A known error as application/problem+json; anything else as a generic 500 that names only the request id. */
export function problemResponse(error: unknown, meta: RequestMeta, context: string): Response {
  const known = error instanceof AppError;
  if (!known) console.error(`[${context}] request ${meta.requestId}`, error);
  const body = known
    ? { type: `about:blank#${error.code}`, title: error.message, status: error.status, code: error.code, errors: error.fields }
    : { type: "about:blank#internal", title: "Something went wrong on our side.", status: 500, code: "internal", requestId: meta.requestId };
  return Response.json(body, { status: body.status, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } });
}

/** Route handlers' counterpart of runWorkspaceAction: authorise for the workspace in the URL, then handle. */
export async function runWorkspaceRoute(
  def: WorkspaceRouteDef,
  db: Db,
  session: ActiveSession | null,
  meta: RequestMeta,
  request: Request,
  params: Record<string, string>,
): Promise<Response> {
  try {
    const actor = await authorizeWorkspace(db, session, params.workspace ?? "", def.permission);
    return await def.handle({ db, actor, meta, request, params });
  } catch (error) {
    return problemResponse(error, meta, `route ${def.name}`);
  }
}
