import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/sql";
import { inboundMessages } from "../db/schema/channels";

export type InboundProvider = "whatsapp" | "sms";

/**
 * Runs the work for one inbound message in one transaction that first claims the message's id: providers
 * redeliver whatever they think was missed, and a replay must record nothing. If the work fails the claim rolls
 * back with it, so a later redelivery can try again.
 */
export async function handleOnce<T>(
  db: Db,
  workspaceId: string,
  provider: InboundProvider,
  messageId: string,
  work: (tx: Db) => Promise<T>,
): Promise<{ duplicate: true } | { duplicate: false; result: T }> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(inboundMessages)
      .values({ workspaceId, provider, messageId })
      .onConflictDoNothing()
      .returning({ messageId: inboundMessages.messageId });
    if (claimed.length === 0) return { duplicate: true as const };
    // The ledger's append nests its own transaction as a savepoint of this one: one commit for both.
    return { duplicate: false as const, result: await work(tx as unknown as Db) };
  });
}

/**
 * The other order, for a message whose consent change is already committed under the ledger's idempotency key
 * (lib/channels/whatsapp/stop-first.ts): the claim comes after, with the statement that goes with it (the service
 * window), in ONE statement committed without waiting for the WAL flush. A crash can forget the claim and the
 * window, never the consent: a redelivery then finds the ledger's key and records nothing twice. Returns whether
 * this delivery took the claim, which is what says it may be answered.
 */
export async function claimRecordedMessage(db: Db, workspaceId: string, provider: InboundProvider, messageId: string, alongside: SQL | null): Promise<boolean> {
  const [row] = await queryRows<{ claimed: number }>(
    db,
    sql`with claim as (insert into inbound_messages (workspace_id, provider, message_id) values (${workspaceId}, ${provider}, ${messageId})
        on conflict do nothing returning 1)${alongside ? sql`, alongside as (${alongside})` : sql``}
      select (select count(*) from claim)::int as claimed, set_config('synchronous_commit', 'off', true) as async_commit`,
  );
  return (row?.claimed ?? 0) > 0;
}
