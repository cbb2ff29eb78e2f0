import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
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
 * The claim as a statement to write with a consent change rather than before it (lib/channels/whatsapp/batched-stop.ts):
 * a CTE body for the ledger's one write statement (PlanExtras.alongside), so the claim commits with the events or
 * not at all, at no round trip of its own.
 */
export function claimStatement(workspaceId: string, provider: InboundProvider, messageId: string): SQL {
  return sql`insert into inbound_messages (workspace_id, provider, message_id) values (${workspaceId}, ${provider}, ${messageId}) on conflict do nothing`;
}
