import "server-only";
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../contacts/cursor";
import type { DbOrTx } from "../db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../db/schema/webhooks";
import { users } from "../db/schema/workspaces";
import { isUuid } from "../ids";

// Qualified by hand: inside a subquery an unqualified "id" would mean the delivery's id.
const endpointId = sql.raw(`"webhook_endpoints"."id"`);

/** A workspace's endpoints with how their last day went; never selects the secrets. */
export async function listWebhookEndpoints(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      topics: webhookEndpoints.topics,
      status: webhookEndpoints.status,
      createdAt: webhookEndpoints.createdAt,
      delivered24h: sql<number>`(select count(*)::int from webhook_deliveries d where d.endpoint_id = ${endpointId} and d.status = 'delivered' and d.delivered_at > now() - interval '1 day')`,
      retrying: sql<number>`(select count(*)::int from webhook_deliveries d where d.endpoint_id = ${endpointId} and d.status = 'pending' and d.attempts > 0)`,
      dead: sql<number>`(select count(*)::int from webhook_deliveries d where d.endpoint_id = ${endpointId} and d.status = 'dead')`,
    })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), isNull(webhookEndpoints.removedAt)))
    .orderBy(webhookEndpoints.createdAt);
}

export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

export async function findWebhookEndpoint(db: DbOrTx, workspaceId: string, endpointId: string) {
  if (!isUuid(endpointId)) return null;
  const [row] = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      topics: webhookEndpoints.topics,
      status: webhookEndpoints.status,
      createdAt: webhookEndpoints.createdAt,
      createdBy: users.name,
      previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
    })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, workspaceId), isNull(webhookEndpoints.removedAt)));
  return row ?? null;
}

export const DELIVERIES_PAGE_SIZE = 25;
export type DeliveryFilter = { status?: "pending" | "delivered" | "dead"; before?: string };

/** One endpoint's deliveries, newest first (keyset), each with its attempts, for the delivery log. */
export async function listEndpointDeliveries(db: DbOrTx, workspaceId: string, endpointId: string, filter: DeliveryFilter = {}) {
  const where: (SQL | undefined)[] = [
    eq(webhookDeliveries.workspaceId, workspaceId),
    eq(webhookDeliveries.endpointId, endpointId),
    filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
  ];
  const cursor = decodeCursor(filter.before);
  if (cursor) where.push(sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      outboxId: webhookDeliveries.outboxId,
      topic: webhookDeliveries.topic,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      sortKey: sql<string>`${webhookDeliveries.createdAt}::text`,
    })
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_PAGE_SIZE + 1);
  const page = rows.slice(0, DELIVERIES_PAGE_SIZE);
  const attempts = page.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          and(
            eq(webhookAttempts.workspaceId, workspaceId),
            inArray(
              webhookAttempts.deliveryId,
              page.map((d) => d.id),
            ),
          ),
        )
        .orderBy(desc(webhookAttempts.startedAt))
    : [];
  return {
    rows: page.map(({ sortKey: _, ...d }) => ({ ...d, log: attempts.filter((a) => a.deliveryId === d.id) })),
    nextBefore: rows.length > DELIVERIES_PAGE_SIZE ? encodeCursor({ at: page.at(-1)!.sortKey, id: page.at(-1)!.id }) : undefined,
  };
}

export type DeliveryRow = Awaited<ReturnType<typeof listEndpointDeliveries>>["rows"][number];
