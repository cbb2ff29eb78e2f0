import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { staffSessions } from "../db/schema/access";
import { users } from "../db/schema/workspaces";
import { sessionExpiry, sessionPolicy } from "./session-policy";
import { isUuid } from "../ids";

export type StaffUser = { id: string; email: string; name: string };
export type ActiveSession = { sessionId: string; user: StaffUser };

export async function createStaffSession(db: DbOrTx, input: { userId: string; ip?: string; userAgent?: string }): Promise<string> {
  const [row] = await db
    .insert(staffSessions)
    .values({ userId: input.userId, ip: input.ip ?? null, userAgent: input.userAgent ?? null })
    .returning({ id: staffSessions.id });
  return row!.id;
}

/**
 * The session behind a cookie, if it is still good: not signed out, not idle or past its absolute limit,
 * and its user not deactivated. Checked on every request, so each of those takes effect at once.
 */
export async function findActiveSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<ActiveSession | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await db
    .select({
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
      revokedAt: staffSessions.revokedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      disabledAt: users.disabledAt,
    })
    .from(staffSessions)
    .innerJoin(users, eq(users.id, staffSessions.userId))
    .where(eq(staffSessions.id, sessionId));
  if (!row || row.disabledAt || sessionExpiry(row, now)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > sessionPolicy.touchEverySeconds * 1000) {
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, sessionId));
  }
  return { sessionId, user: { id: row.userId, email: row.email, name: row.name } };
}

export async function revokeStaffSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)));
}

/** Ends every session of a user: after a password reset or deactivation. */
export async function revokeUserSessions(db: DbOrTx, userId: string, now = new Date()): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)));
}
