import "server-only";
import type { DbOrTx } from "../db/client";
import { accountMemberships } from "./queries";
import { outranksForAccount } from "../auth/permissions";
import { ForbiddenError } from "../errors";

/**
 * Accounts are global: one password opens every workspace the account belongs to. So an admin may act on an
 * account's credentials only if, in EVERY workspace the account belongs to, the admin is a member who outranks
 * it there (owner over anyone; admin over marketer, compliance and viewer). Otherwise an admin of one workspace
 * could take over an owner of another through a member they share. The refusal names no other workspace.
 */
export async function assertMayManageAccount(db: DbOrTx, actorUserId: string, targetUserId: string): Promise<void> {
  const rows = await accountMemberships(db, targetUserId, actorUserId);
  if (rows.some((r) => !r.actorRole || !outranksForAccount(r.actorRole, r.role))) {
    throw new ForbiddenError(
      'This person\'s account also has rights you do not manage (a higher role, or another workspace), so you cannot reset its password. They can use "Forgot your password?" on the sign-in page.',
    );
  }
}
