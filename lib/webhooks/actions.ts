import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { defineWorkspaceAction, type ActionContext } from "../handlers/workspace-action";
import { recordStaffAudit } from "../handlers/audit";
import type { Tx } from "../db/client";
import { outbox } from "../db/schema/ledger";
import { webhookDeliveries, webhookEndpoints } from "../db/schema/webhooks";
import { NotFoundError, ValidationError } from "../errors";
import { wakeWebhookWorker } from "./app-worker";
import { createEndpointSchema, endpointRefSchema, endpointStatusSchema, updateEndpointSchema } from "./endpoints.validation";
import { sealSecret } from "./secret-seal";
import { generateSigningSecret } from "./signature";
import { endpointUrlProblem } from "./target-guard";
import { TEST_TOPIC } from "./topics";

/** How long the old secret keeps signing after a rotation, so the receiver can switch without missing one. */
const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

const urlError = (code: string, message: string) => new ValidationError([{ field: "url", code, message }], "Check the highlighted fields.");

/** The network policy, and one endpoint per URL: a second one would deliver every event twice. */
async function checkUrl(tx: Tx, ctx: ActionContext, url: string, self?: string) {
  const problem = endpointUrlProblem(url);
  if (problem) throw urlError("url_not_allowed", problem);
  const [twin] = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, ctx.actor.workspace.id), eq(webhookEndpoints.url, url), isNull(webhookEndpoints.removedAt)));
  if (twin && twin.id !== self) throw urlError("url_taken", "This URL already has an endpoint. Edit that one to change what it receives.");
}

/** The endpoint, locked for the change, if it is this workspace's and not removed. */
async function lockEndpoint(tx: Tx, ctx: ActionContext, endpointId: string) {
  const [endpoint] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.actor.workspace.id), isNull(webhookEndpoints.removedAt)))
    .for("update");
  if (!endpoint) throw new NotFoundError("This webhook endpoint");
  return endpoint;
}

const secretNotice = "Copy the signing secret now and give it to the receiving system; it will not be shown again.";

export const createWebhookEndpoint = defineWorkspaceAction({
  name: "settings.webhooks.create",
  permission: "webhooks:manage",
  schema: createEndpointSchema,
  arrays: ["topics"],
  async run(ctx, input) {
    const secret = generateSigningSecret();
    const created = await ctx.db.transaction(async (tx) => {
      await checkUrl(tx, ctx, input.url);
      const [endpoint] = await tx
        .insert(webhookEndpoints)
        .values({
          workspaceId: ctx.actor.workspace.id,
          url: input.url,
          description: input.description,
          topics: input.topics,
          secretSealed: sealSecret(secret),
          createdBy: ctx.actor.user.id,
        })
        .returning({ id: webhookEndpoints.id });
      await recordStaffAudit(tx, ctx, {
        action: "webhook.create",
        targetType: "webhook_endpoint",
        targetId: endpoint!.id,
        detail: { url: input.url, topics: input.topics },
      });
      return endpoint!;
    });
    return {
      message: `Added the endpoint. From now on its events are sent to ${new URL(input.url).host}. ${secretNotice}`,
      data: { id: created.id, secret },
    };
  },
});

export const updateWebhookEndpoint = defineWorkspaceAction({
  name: "settings.webhooks.update",
  permission: "webhooks:manage",
  schema: updateEndpointSchema,
  arrays: ["topics"],
  async run(ctx, input) {
    await ctx.db.transaction(async (tx) => {
      const before = await lockEndpoint(tx, ctx, input.endpointId);
      await checkUrl(tx, ctx, input.url, before.id);
      await tx
        .update(webhookEndpoints)
        .set({ url: input.url, description: input.description, topics: input.topics, updatedAt: new Date() })
        .where(eq(webhookEndpoints.id, before.id));
      await recordStaffAudit(tx, ctx, {
        action: "webhook.update",
        targetType: "webhook_endpoint",
        targetId: before.id,
        detail: { from: { url: before.url, topics: before.topics }, to: { url: input.url, topics: input.topics } },
      });
    });
    return { message: "Saved. Deliveries still waiting go to the new URL." };
  },
});

export const setWebhookEndpointStatus = defineWorkspaceAction({
  name: "settings.webhooks.setStatus",
  permission: "webhooks:manage",
  schema: endpointStatusSchema,
  async run(ctx, input) {
    await ctx.db.transaction(async (tx) => {
      const endpoint = await lockEndpoint(tx, ctx, input.endpointId);
      if (endpoint.status === input.status) return;
      await tx.update(webhookEndpoints).set({ status: input.status, updatedAt: new Date() }).where(eq(webhookEndpoints.id, endpoint.id));
      await recordStaffAudit(tx, ctx, {
        action: input.status === "active" ? "webhook.enable" : "webhook.disable",
        targetType: "webhook_endpoint",
        targetId: endpoint.id,
        detail: { url: endpoint.url },
      });
    });
    if (input.status === "active") {
      wakeWebhookWorker();
      return { message: "Enabled. Deliveries that waited while it was off are being sent now." };
    }
    return { message: "Disabled. New events are not queued for it, and waiting deliveries pause until you enable it again." };
  },
});

export const removeWebhookEndpoint = defineWorkspaceAction({
  name: "settings.webhooks.remove",
  permission: "webhooks:manage",
  schema: endpointRefSchema,
  async run(ctx, input) {
    const url = await ctx.db.transaction(async (tx) => {
      const endpoint = await lockEndpoint(tx, ctx, input.endpointId);
      await tx.update(webhookEndpoints).set({ removedAt: new Date(), status: "disabled", updatedAt: new Date() }).where(eq(webhookEndpoints.id, endpoint.id));
      await recordStaffAudit(tx, ctx, { action: "webhook.remove", targetType: "webhook_endpoint", targetId: endpoint.id, detail: { url: endpoint.url } });
      return endpoint.url;
    });
    return {
      message: `Removed the endpoint for ${url}. Its delivery log stays in the audit trail.`,
      redirectTo: `/${ctx.actor.workspace.slug}/settings/webhooks`,
    };
  },
});

export const rotateWebhookSecret = defineWorkspaceAction({
  name: "settings.webhooks.rotateSecret",
  permission: "webhooks:manage",
  schema: endpointRefSchema,
  async run(ctx, input) {
    const secret = generateSigningSecret();
    await ctx.db.transaction(async (tx) => {
      const endpoint = await lockEndpoint(tx, ctx, input.endpointId);
      await tx
        .update(webhookEndpoints)
        .set({
          secretSealed: sealSecret(secret),
          previousSecretSealed: endpoint.secretSealed,
          previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
          updatedAt: new Date(),
        })
        .where(eq(webhookEndpoints.id, endpoint.id));
      await recordStaffAudit(tx, ctx, {
        action: "webhook.rotate-secret",
        targetType: "webhook_endpoint",
        targetId: endpoint.id,
        detail: { url: endpoint.url },
      });
    });
    return {
      message: `New secret made. For 24 hours each delivery carries signatures with both secrets, so switch the receiver within a day. ${secretNotice}`,
      data: { secret },
    };
  },
});

export const sendWebhookTest = defineWorkspaceAction({
  name: "settings.webhooks.sendTest",
  permission: "webhooks:manage",
  schema: endpointRefSchema,
  async run(ctx, input) {
    await ctx.db.transaction(async (tx) => {
      const endpoint = await lockEndpoint(tx, ctx, input.endpointId);
      if (endpoint.status !== "active") throw new ValidationError([], "Enable the endpoint first: a disabled endpoint receives nothing, tests included.");
      // Straight to this endpoint's deliveries: a test must not reach the workspace's other endpoints.
      const [message] = await tx
        .insert(outbox)
        .values({
          workspaceId: ctx.actor.workspace.id,
          topic: TEST_TOPIC,
          status: "dispatched",
          deliveredAt: new Date(),
          payload: { message: "A test event from Assent. Answer with any 2xx status.", workspace: ctx.actor.workspace.slug, sentBy: ctx.actor.user.email },
        })
        .returning({ id: outbox.id });
      await tx.insert(webhookDeliveries).values({ workspaceId: ctx.actor.workspace.id, outboxId: message!.id, endpointId: endpoint.id, topic: TEST_TOPIC });
      await recordStaffAudit(tx, ctx, { action: "webhook.test", targetType: "webhook_endpoint", targetId: endpoint.id, detail: { url: endpoint.url } });
    });
    wakeWebhookWorker();
    return { message: "Test event queued. It appears in the delivery log below within a few seconds; reload to see the answer." };
  },
});
