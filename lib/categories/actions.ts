import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { defineWorkspaceAction, type ActionContext } from "../handlers/workspace-action";
import type { Tx } from "../db/client";
import { messageCategories } from "../db/schema/forms";
import { AppError, NotFoundError } from "../errors";
import { recordStaffAudit } from "../handlers/audit";
import { categoryRefSchema, createCategorySchema, updateCategorySchema } from "./categories.validation";

/*
 * There is deliberately no delete: consent events name categories by key, and a category's history must stay
 * readable (and its key reserved) for as long as the ledger keeps events about it. Retiring is the way out.
 */

function keyTaken(key: string, retired: boolean): AppError {
  const message = retired
    ? `The key "${key}" belongs to a retired category. Keys are never reused; un-retire that category, or choose another key.`
    : `The key "${key}" is already used by another category. Choose another key.`;
  return new AppError("category_key_taken", 409, message, [{ field: "key", code: "taken", message }]);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

async function findCategory(tx: Tx, workspaceId: string, categoryId: string) {
  const [row] = await tx
    .select()
    .from(messageCategories)
    .where(and(eq(messageCategories.id, categoryId), eq(messageCategories.workspaceId, workspaceId)))
    .for("update");
  if (!row) throw new NotFoundError("This category");
  return row;
}

export const createCategory = defineWorkspaceAction({
  name: "settings.categories.create",
  permission: "settings:manage",
  schema: createCategorySchema,
  async run(ctx, { workspace: _slug, ...input }) {
    const workspaceId = ctx.actor.workspace.id;
    try {
      await ctx.db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ retiredAt: messageCategories.retiredAt })
          .from(messageCategories)
          .where(and(eq(messageCategories.workspaceId, workspaceId), eq(messageCategories.key, input.key)));
        if (existing) throw keyTaken(input.key, existing.retiredAt !== null);
        const [row] = await tx
          .insert(messageCategories)
          .values({
            ...input,
            workspaceId,
            position: sql`(select coalesce(max(${messageCategories.position}) + 1, 0) from ${messageCategories} where ${messageCategories.workspaceId} = ${workspaceId})`,
          })
          .returning({ id: messageCategories.id });
        await recordStaffAudit(tx, ctx, { action: "category.create", targetType: "category", targetId: row!.id, detail: input });
      });
    } catch (error) {
      // Two people adding the same key at once: the unique constraint decides, and the loser hears why.
      if (isUniqueViolation(error)) throw keyTaken(input.key, false);
      throw error;
    }
    return { message: `Added "${input.label}". Add it to a form to start collecting opt-ins for it.` };
  },
});

export const updateCategory = defineWorkspaceAction({
  name: "settings.categories.update",
  permission: "settings:manage",
  schema: updateCategorySchema,
  async run(ctx, { workspace: _slug, categoryId, ...next }) {
    const changed = await ctx.db.transaction(async (tx) => {
      const current = await findCategory(tx, ctx.actor.workspace.id, categoryId);
      const fields = (Object.keys(next) as (keyof typeof next)[]).filter((f) => current[f] !== next[f]);
      if (fields.length === 0) return fields;
      await tx
        .update(messageCategories)
        .set(next)
        .where(and(eq(messageCategories.id, categoryId), eq(messageCategories.workspaceId, ctx.actor.workspace.id)));
      await recordStaffAudit(tx, ctx, {
        action: "category.update",
        targetType: "category",
        targetId: categoryId,
        detail: { key: current.key, ...Object.fromEntries(fields.map((f) => [f, { before: current[f], after: next[f] }])) },
      });
      return fields;
    });
    return { message: changed.length === 0 ? "Nothing to save: the wording was already this." : `Saved the ${changed.join(", ")}.` };
  },
});

async function setRetired(ctx: ActionContext, categoryId: string, retire: boolean) {
  const workspaceId = ctx.actor.workspace.id;
  return ctx.db.transaction(async (tx) => {
    const current = await findCategory(tx, workspaceId, categoryId);
    const [row] = await tx
      .update(messageCategories)
      .set({ retiredAt: retire ? new Date() : null })
      .where(
        and(
          eq(messageCategories.id, categoryId),
          eq(messageCategories.workspaceId, workspaceId),
          retire ? isNull(messageCategories.retiredAt) : isNotNull(messageCategories.retiredAt),
        ),
      )
      .returning({ id: messageCategories.id });
    if (row) {
      await recordStaffAudit(tx, ctx, {
        action: retire ? "category.retire" : "category.unretire",
        targetType: "category",
        targetId: categoryId,
        detail: { key: current.key, label: current.label },
      });
    }
    return { label: current.label, changed: Boolean(row) };
  });
}

export const retireCategory = defineWorkspaceAction({
  name: "settings.categories.retire",
  permission: "settings:manage",
  schema: categoryRefSchema,
  async run(ctx, input) {
    const { label, changed } = await setRetired(ctx, input.categoryId, true);
    if (!changed) return { message: `"${label}" was already retired.` };
    return { message: `Retired "${label}". Hosted forms stop offering it; opt-outs from it still work and its history stays.` };
  },
});

export const unretireCategory = defineWorkspaceAction({
  name: "settings.categories.unretire",
  permission: "settings:manage",
  schema: categoryRefSchema,
  async run(ctx, input) {
    const { label, changed } = await setRetired(ctx, input.categoryId, false);
    if (!changed) return { message: `"${label}" was already in use.` };
    return { message: `"${label}" is back in use. Forms that list it offer it again.` };
  },
});
