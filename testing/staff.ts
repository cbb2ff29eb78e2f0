import type { Db } from "../lib/db/client";
import type { Role } from "../lib/auth/roles";
import { createStaffSession, findActiveSession, type ActiveSession } from "../lib/auth/staff-sessions";
import { upsertMember } from "../lib/auth/users";
import type { RequestMeta } from "../lib/server/request-meta";

let counter = 0;

/** A member of the workspace with the role, signed in: the session a guard would see for them. */
export async function signedInMember(db: Db, workspaceId: string, role: Role): Promise<ActiveSession> {
  const email = `${role}-${++counter}-${Date.now()}@test.assent.local`;
  const { user } = await upsertMember(db, { workspaceId, email, name: `${role} ${counter}`, role });
  const session = await findActiveSession(db, await createStaffSession(db, { userId: user.id }));
  if (!session) throw new Error("session was not created");
  return session;
}

export const testMeta: RequestMeta = { ip: "198.51.100.4", userAgent: "vitest", requestId: "test-request" };
