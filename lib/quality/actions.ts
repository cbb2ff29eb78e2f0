import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { recordStaffAudit } from "../handlers/audit";
import { qualityAlerts, qualityRatingEntries, qualitySettings } from "../db/schema/quality";
import { NotFoundError } from "../errors";
import { evaluateAlerts } from "./alerts";
import { acknowledgeAlertSchema, qualityThresholdsSchema, ratingEntrySchema } from "./quality.validation";

export const updateQualityThresholds = defineWorkspaceAction({
  name: "quality.thresholds.update",
  permission: "quality:manage",
  schema: qualityThresholdsSchema,
  async run(ctx, input) {
    const { workspace: _slug, ...values } = input;
    const workspaceId = ctx.actor.workspace.id;
    await ctx.db.transaction(async (tx) => {
      await tx
        .insert(qualitySettings)
        .values({ workspaceId, ...values, updatedBy: ctx.actor.user.id })
        .onConflictDoUpdate({ target: qualitySettings.workspaceId, set: { ...values, updatedBy: ctx.actor.user.id, updatedAt: new Date() } });
      await recordStaffAudit(tx, ctx, { action: "quality.thresholds", targetType: "workspace", targetId: workspaceId, detail: values });
    });
    // The new thresholds apply at once: conditions that no longer hold clear, new ones are raised.
    await evaluateAlerts(ctx.db, ctx.actor.workspace);
    return { message: "Saved. The alert rules now use these thresholds." };
  },
});

export const recordQualityRating = defineWorkspaceAction({
  name: "quality.rating.record",
  permission: "quality:manage",
  schema: ratingEntrySchema,
  async run(ctx, input) {
    const workspaceId = ctx.actor.workspace.id;
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(qualityRatingEntries)
        .values({
          workspaceId,
          rating: input.rating,
          messagingLimit: input.messagingLimit || null,
          // Noon UTC: a day entered by hand sits in the middle of that day on the timeline, whatever the zone.
          observedAt: new Date(`${input.observedOn}T12:00:00Z`),
          note: input.note,
          createdBy: ctx.actor.user.id,
        })
        .returning({ id: qualityRatingEntries.id });
      await recordStaffAudit(tx, ctx, {
        action: "quality.rating",
        targetType: "quality_rating",
        targetId: row!.id,
        detail: { rating: input.rating, messagingLimit: input.messagingLimit || null, observedOn: input.observedOn },
      });
    });
    await evaluateAlerts(ctx.db, ctx.actor.workspace);
    return { message: "Recorded." };
  },
});

export const acknowledgeQualityAlert = defineWorkspaceAction({
  name: "quality.alerts.acknowledge",
  permission: "quality:acknowledge",
  schema: acknowledgeAlertSchema,
  async run(ctx, input) {
    const workspaceId = ctx.actor.workspace.id;
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(qualityAlerts)
        .set({ acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.user.id })
        .where(and(eq(qualityAlerts.id, input.alertId), eq(qualityAlerts.workspaceId, workspaceId), isNull(qualityAlerts.acknowledgedAt)))
        .returning({ id: qualityAlerts.id, title: qualityAlerts.title });
      if (!row) throw new NotFoundError("This alert");
      await recordStaffAudit(tx, ctx, { action: "quality.alert.acknowledge", targetType: "quality_alert", targetId: row.id, detail: { title: row.title } });
    });
    return { message: "Dismissed. It will not show again unless the condition clears and comes back." };
  },
});
