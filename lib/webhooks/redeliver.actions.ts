import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { recordStaffAudit } from "../handlers/audit";
import { webhookDeliveries } from "../db/schema/webhooks";
import { NotFoundError } from "../errors";
import { wakeWebhookWorker } from "./app-worker";
import { redeliverSchema } from "./endpoints.validation";

/**
 * Sends a delivery again now, with a fresh set of retries: for a dead one once the receiver is fixed, or a
 * delivered one the receiver lost. The receiver sees the same webhook-id, so it can drop a duplicate.
 */
export const redeliverWebhook = defineWorkspaceAction({
  name: "settings.webhooks.redeliver",
  permission: "webhooks:manage",
  schema: redeliverSchema,
  async run(ctx, input) {
    await ctx.db.transaction(async (tx) => {
      const [delivery] = await tx
        .update(webhookDeliveries)
        .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()` })
        .where(and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.workspaceId, ctx.actor.workspace.id)))
        .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, topic: webhookDeliveries.topic });
      if (!delivery) throw new NotFoundError("This delivery");
      await recordStaffAudit(tx, ctx, {
        action: "webhook.redeliver",
        targetType: "webhook_delivery",
        targetId: delivery.id,
        detail: { endpointId: delivery.endpointId, topic: delivery.topic },
      });
    });
    wakeWebhookWorker();
    return { message: "Queued to send again now. Reload in a few seconds to see the answer." };
  },
});
