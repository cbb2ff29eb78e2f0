import "server-only";
import { and, count, eq } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { recordStaffAudit } from "../handlers/audit";
import { memberships } from "../db/schema/workspaces";
import { ConflictError } from "../errors";
import { createWorkspaceWithOwner } from "./create";
import { MAX_OWNED_WORKSPACES, newWorkspaceSchema } from "./new-workspace.validation";

/**
 * An owner starts another business's workspace and becomes its owner. Made exactly as `workspace:create` makes
 * one (lib/workspace/create.ts); audited in the new workspace's log, which names the workspace it was made from.
 */
export const createWorkspaceAction = defineWorkspaceAction({
  name: "workspaces.create",
  permission: "workspaces:create",
  schema: newWorkspaceSchema,
  async run(ctx, input) {
    const { user } = ctx.actor;
    const { workspace } = await createWorkspaceWithOwner(
      ctx.db,
      { slug: input.slug, businessName: input.businessName, legalName: input.legalName, defaultCountry: input.defaultCountry },
      { email: user.email, name: user.name },
      {
        // Counted under a lock per account, so ten requests at once cannot each see nine and all pass.
        async before(tx) {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext('assent:owned-workspaces'), hashtext(${user.id}))`);
          const [row] = await tx
            .select({ n: count() })
            .from(memberships)
            .where(and(eq(memberships.userId, user.id), eq(memberships.role, "owner")));
          if ((row?.n ?? 0) >= MAX_OWNED_WORKSPACES) {
            throw new ConflictError(
              "too_many_workspaces",
              `You already own ${MAX_OWNED_WORKSPACES} workspaces, the most one account may. Hand one over to another owner, or ask the operator to create it with the command line.`,
            );
          }
        },
        async after(tx, made) {
          await recordStaffAudit(
            tx,
            { actor: { ...ctx.actor, workspace: made.workspace, role: "owner" }, meta: ctx.meta },
            {
              action: "workspace.create",
              targetType: "workspace",
              targetId: made.workspace.id,
              detail: { slug: made.workspace.slug, businessName: made.workspace.businessName, fromWorkspace: ctx.actor.workspace.slug },
            },
          );
        },
      },
    );
    return { message: `Created ${workspace.businessName}.`, redirectTo: `/${workspace.slug}` };
  },
});
