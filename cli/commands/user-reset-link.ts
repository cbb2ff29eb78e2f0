import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { auditLog } from "../../lib/db/schema/access";
import { insertPasswordReset } from "../../lib/members/queries";
import { accountWorkspaceIds, findUserByEmail } from "../../lib/auth/users";
import { passwordResetUrl, resetValidFor } from "../../lib/members/link-emails";
import { newLinkToken } from "../../lib/members/tokens";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";

export const spec: CommandSpec = {
  name: "user:reset-link",
  summary: "Print a one-time password reset link for an account (for when email is not configured).",
  usage: "user:reset-link --email <email>",
  options: { email: { type: "string" } },
};

/**
 * The way back into an account when email is not configured: admins in the dashboard can no longer make reset
 * links they could read (an account is global, lib/members/actions.ts), so the operator, who has the database
 * anyway, prints one to hand to the person after checking who they are. Written to every workspace's audit log.
 */
export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const email = requireString(values, "email");
  const user = await findUserByEmail(db, email);
  if (!user) throw new UsageError(`no account for "${email}"`);
  if (user.disabledAt) throw new UsageError(`the account for "${email}" is deactivated`);
  const { token, hash, expiresAt } = newLinkToken("reset");
  await db.transaction(async (tx) => {
    await insertPasswordReset(tx, { userId: user.id, createdBy: null, tokenHash: hash, expiresAt });
    const workspaceIds = await accountWorkspaceIds(tx, user.id);
    if (workspaceIds.length === 0) return;
    await tx.insert(auditLog).values(
      workspaceIds.map((workspaceId) => ({
        workspaceId,
        actorLabel: "cli",
        action: "password.reset-link",
        targetType: "user",
        targetId: user.id,
        detail: { email: user.email, delivery: "cli" },
      })),
    );
  });
  out.write(`Password reset link for ${user.email} (works once, for ${resetValidFor}):\n\n  ${passwordResetUrl(token)}\n\nGive it only to that person.\n`);
  return 0;
}
