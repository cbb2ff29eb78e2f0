import "server-only";
import { eq } from "drizzle-orm";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { workspaces } from "../db/schema/workspaces";
import { NotFoundError } from "../errors";
import { recordStaffAudit } from "../handlers/audit";
import { profileFieldLabels, profileSchema, type Profile } from "./profile.validation";

const profileFields = [
  "businessName",
  "legalName",
  "whatsappNumber",
  "logoUrl",
  "brandColor",
  "defaultLanguage",
  "defaultCountry",
  "privacyPolicyUrl",
  "requireConfirmation",
] as const satisfies readonly (keyof Profile)[];

/**
 * The fields whose value differs: the new values to write, and per field its value before and after for the
 * audit row (one entry per field reads well in the audit log and says exactly what was replaced).
 */
export function profileChanges(current: Record<keyof Profile, unknown>, next: Profile) {
  const after: Partial<Profile> = {};
  const audit: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of profileFields) {
    if (current[field] === next[field]) continue;
    Object.assign(after, { [field]: next[field] });
    audit[field] = { before: current[field], after: next[field] };
  }
  return { after, audit, changed: Object.keys(after) };
}

export const updateProfile = defineWorkspaceAction({
  name: "settings.profile.update",
  permission: "settings:manage",
  schema: profileSchema,
  async run(ctx, input) {
    const { workspace: _slug, ...next } = input;
    const id = ctx.actor.workspace.id;
    const changed = await ctx.db.transaction(async (tx) => {
      // Read under a row lock, so two people saving at once each audit what they really replaced.
      const [current] = await tx.select().from(workspaces).where(eq(workspaces.id, id)).for("update");
      if (!current) throw new NotFoundError("This workspace");
      const diff = profileChanges(current, next);
      if (diff.changed.length === 0) return diff.changed;
      await tx.update(workspaces).set(diff.after).where(eq(workspaces.id, id));
      await recordStaffAudit(tx, ctx, {
        action: "settings.profile",
        targetType: "workspace",
        targetId: id,
        detail: diff.audit,
      });
      return diff.changed;
    });
    if (changed.length === 0) return { message: "Nothing to save: every field already had that value." };
    return { message: `Saved. Changed: ${changed.map((f) => profileFieldLabels[f as keyof typeof profileFieldLabels]).join(", ")}.` };
  },
});
