import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "../server/app-database";
import type { ActiveSession } from "./staff-sessions";
import { cache } from "react";
import { AppError, ForbiddenError } from "../errors";
import { currentSession } from "./current-session";
import { findWorkspaceActor, type WorkspaceActor } from "./guards";
import { can, type Permission } from "./permissions";
import { requestPathHeader } from "../server/request-path-header";

/**
 * Sign-in, then back to the exact page asked for. The workspace layout authorises before its page does, and a
 * layout does not know the page's path, so the request's own path and query (from proxy.ts) win over the
 * caller's `fallback`. Next.js's internal `_rsc` marker of a client navigation is not part of the page's address.
 */
async function signInPath(fallback: string): Promise<string> {
  const requested = (await headers()).get(requestPathHeader);
  let next = fallback;
  if (requested?.startsWith("/")) {
    const url = new URL(requested, "http://request.invalid");
    url.searchParams.delete("_rsc");
    next = `${url.pathname}${url.search}`;
  }
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

export async function requireStaffPage(next: string): Promise<ActiveSession> {
  const session = await currentSession();
  if (!session) redirect(await signInPath(next));
  return session;
}

// The layout and the page of one request both ask; the membership is read once per request.
const membershipFor = cache(async (slug: string) => {
  try {
    return await findWorkspaceActor(await getDb(), await currentSession(), slug);
  } catch (error) {
    return error as Error;
  }
});

/** For pages: sends a signed-out visitor to sign in, a non-member to not-found and a role without the permission to 403. */
export async function requireWorkspacePage(slug: string, permission: Permission, next: string): Promise<WorkspaceActor> {
  try {
    const actor = await membershipFor(slug);
    if (actor instanceof Error) throw actor;
    if (!can(actor.role, permission)) throw new ForbiddenError();
    return actor;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthenticated") redirect(await signInPath(next));
    if (error.code === "not_found") notFound();
    if (error.code === "forbidden") forbidden();
    throw error;
  }
}
