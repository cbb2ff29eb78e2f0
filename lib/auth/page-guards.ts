import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "../db/app-db";
import type { ActiveSession } from "../data/staff-sessions";
import { AppError } from "../errors";
import { currentSession } from "./current-session";
import { authorizeWorkspace, type WorkspaceActor } from "./guards";
import type { Permission } from "./permissions";

function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

export async function requireStaffPage(next: string): Promise<ActiveSession> {
  const session = await currentSession();
  if (!session) redirect(signInPath(next));
  return session;
}

/** For pages: sends a signed-out visitor to sign in, a non-member to not-found and a role without the permission to 403. */
export async function requireWorkspacePage(slug: string, permission: Permission, next: string): Promise<WorkspaceActor> {
  try {
    return await authorizeWorkspace(await getDb(), await currentSession(), slug, permission);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthenticated") redirect(signInPath(next));
    if (error.code === "not_found") notFound();
    if (error.code === "forbidden") forbidden();
    throw error;
  }
}
