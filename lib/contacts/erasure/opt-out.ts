import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { queryRows } from "../../db/sql";
import { planCommand } from "../../ledger/plan";
import type { Actor, LedgerCommand } from "../../ledger/types";
import { writePlans } from "../../ledger/write";

export type ErasedContact = { id: string; workspaceId: string; phone: string | null; bsuid: string | null };

/**
 * The first step of an erasure: the person is opted out of every active category they are not already opted out
 * of, as ledger events in the erasure's own transaction (channel staff, evidence source "erasure"). Without it the
 * subscriptions would still say opted in, and the check would go on answering `allowed: true` for the number after
 * its plain value is gone. Retired categories are skipped: the check already refuses them, and the ledger refuses
 * new events in them. A contact with neither identifier left (erased before, never given again) cannot be named in
 * a command, so nothing is written for it.
 */
export async function optOutOfEverything(tx: Tx, contact: ErasedContact, actor: { userId: string | null; label: string }): Promise<number> {
  if (!contact.phone && !contact.bsuid) return 0;
  const categories = await queryRows<{ key: string }>(
    tx,
    sql`select c.key from message_categories c
      where c.workspace_id = ${contact.workspaceId} and c.retired_at is null
        and not exists (select 1 from subscriptions s where s.contact_id = ${contact.id} and s.category_id = c.id and s.state = 'opted_out')
      order by c.position, c.key`,
  );
  if (categories.length === 0) return 0;
  const by: Actor = actor.userId ? { type: "staff", userId: actor.userId, email: actor.label } : { type: "system", name: actor.label };
  const command: LedgerCommand = {
    workspaceId: contact.workspaceId,
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.bsuid ? { bsuid: contact.bsuid } : {}),
    categories: categories.map((c) => c.key),
    action: "opt_out",
    channel: "staff",
    evidence: { via: "other", source: "erasure" },
    actor: by,
    // A fixed sentence, never the staff member's reason (which may name the person); erased with the rest below.
    note: "Opted out of every category when the personal data was erased.",
  };
  const plan = await planCommand(tx, command, new Date());
  const [outcome] = await writePlans(tx, [plan]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.receipt.events.length;
}
