import "server-only";
import { cache } from "react";
import { getDb } from "../server/app-database";
import { findActiveSession, type ActiveSession } from "./staff-sessions";
import { auth } from "./auth-config";

/** The signed-in staff session of this request, checked against the database once per request. */
export const currentSession = cache(async (): Promise<ActiveSession | null> => {
  const session = await auth();
  return session?.sid ? findActiveSession(await getDb(), session.sid) : null;
});
