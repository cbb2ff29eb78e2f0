import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { memberships, users } from "../db/schema/workspaces";
import { hashPassword } from "./password";
import type { Role } from "./roles";

export type User = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row;
}

/** Creates the user if the email is new (setting the password), then gives them the role in the workspace. */
export async function upsertMember(
  db: DbOrTx,
  input: { workspaceId: string; email: string; name: string; role: Role; password?: string },
): Promise<{ user: User; created: boolean }> {
  let user = await findUserByEmail(db, input.email);
  const created = !user;
  if (!user) {
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    [user] = await db
      .insert(users)
      .values({ email: normalizeEmail(input.email), name: input.name, passwordHash })
      .returning();
  }
  await db
    .insert(memberships)
    .values({ workspaceId: input.workspaceId, userId: user!.id, role: input.role })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: input.role } });
  return { user: user!, created };
}

/** The workspaces an account belongs to: where a change to the account is written in the audit log. */
export async function accountWorkspaceIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.select({ workspaceId: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, userId));
  return rows.map((r) => r.workspaceId);
}
