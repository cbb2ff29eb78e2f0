import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";

const BATCH = 500;

/**
 * Hands pending outbox messages to the endpoints of their workspace that subscribe to the topic: one delivery
 * row each, written in the same statement that marks the messages dispatched, so a crash leaves either both or
 * neither. SKIP LOCKED lets several app instances share the work. Returns how many messages were handled.
 */
export async function dispatchOutbox(db: DbOrTx, batch = BATCH): Promise<number> {
  const [row] = await queryRows<{ handled: number }>(
    db,
    sql`with claimed as (
        select id, workspace_id, topic from outbox
        where status = 'pending' and next_attempt_at <= now()
        order by next_attempt_at limit ${batch}
        for update skip locked),
      fanned as (
        insert into webhook_deliveries (workspace_id, outbox_id, endpoint_id, topic)
        select c.workspace_id, c.id, e.id, c.topic
        from claimed c join webhook_endpoints e
          on e.workspace_id = c.workspace_id and e.status = 'active' and e.removed_at is null and c.topic = any(e.topics)
        on conflict (outbox_id, endpoint_id) do nothing),
      marked as (update outbox set status = 'dispatched', delivered_at = now() where id in (select id from claimed))
      select count(*)::int as handled from claimed`,
  );
  return row?.handled ?? 0;
}
