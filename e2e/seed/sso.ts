import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { invitations } from "../../lib/db/schema/access";
import { users } from "../../lib/db/schema/workspaces";
import { upsertMember } from "../../lib/auth/users";
import { ssoIdentities } from "../support/sso-identities";

/** What the single sign-on spec needs besides the owner: an open invitation, and a deactivated member. */
export async function seedSsoAccounts(db: Db, workspaceId: string): Promise<void> {
  const { invitee, deactivated } = ssoIdentities;
  await db.insert(invitations).values({
    workspaceId,
    email: invitee.email,
    role: "compliance",
    // Nobody opens this invitation's link: single sign-on accepts it.
    tokenHash: randomBytes(32).toString("hex"),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const { user } = await upsertMember(db, { workspaceId, role: "viewer", email: deactivated.email, name: deactivated.name });
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
}
