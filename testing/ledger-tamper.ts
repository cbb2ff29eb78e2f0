import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../lib/db/client";
import { consentEvents, contacts, ledgerCheckpoints, subscriptions } from "../lib/db/schema/ledger";
import { digestEventRange } from "../lib/ledger/checkpoint";
import { applyEvent, type SubscriptionState } from "../lib/ledger/fold";
import { checkpointHash, eventHash } from "../lib/ledger/hash";

/**
 * What an insider with the database can do: turn off the append-only triggers and rewrite the ledger with the
 * app's own hash functions, so that every check inside the database still passes. Tests use it to show that only
 * what left the database (RFC 3161 tokens, the business's kept heads) catches it. Run it in a transaction.
 */
export async function disableLedgerTriggers(tx: DbOrTx): Promise<void> {
  for (const table of ["consent_events", "ledger_checkpoints", "ledger_checkpoint_anchors"]) {
    await tx.execute(sql`alter table ${sql.identifier(table)} disable trigger user`);
  }
}

type EventRow = typeof consentEvents.$inferSelect;

/** Edits a contact's events and recomputes its whole chain, its head and its state, consistently. */
export async function rewriteContactChain(tx: DbOrTx, contactId: string, edit: (event: EventRow) => Partial<EventRow>): Promise<void> {
  const chain = await tx.select().from(consentEvents).where(eq(consentEvents.contactId, contactId)).orderBy(asc(consentEvents.seq));
  let prevHash: string | null = null;
  const state = new Map<string, { state: SubscriptionState; eventId: string }>();
  for (const original of chain) {
    const event: EventRow = { ...original, ...edit(original), prevHash };
    event.hash = eventHash(event);
    await tx
      .update(consentEvents)
      .set({ action: event.action, optInLevel: event.optInLevel, evidence: event.evidence, prevHash: event.prevHash, hash: event.hash })
      .where(eq(consentEvents.id, event.id));
    state.set(event.categoryId, { state: applyEvent(state.get(event.categoryId)?.state, event), eventId: event.id });
    prevHash = event.hash;
  }
  await tx.update(contacts).set({ lastHash: prevHash, lastSeq: chain.length }).where(eq(contacts.id, contactId));
  for (const [categoryId, s] of state) {
    await tx
      .update(subscriptions)
      .set({ state: s.state.state, optInLevel: s.state.optInLevel, eventId: s.eventId })
      .where(sql`${subscriptions.contactId} = ${contactId} and ${subscriptions.categoryId} = ${categoryId}`);
  }
}

/** Deletes a contact and everything of it, as if it had never been. */
export async function deleteContact(tx: DbOrTx, contactId: string): Promise<void> {
  for (const table of ["event_personal_data", "subscriptions", "consent_events", "preference_tokens"]) {
    await tx.execute(sql`delete from ${sql.identifier(table)} where contact_id = ${contactId}`);
  }
  await tx.delete(contacts).where(eq(contacts.id, contactId));
}

/** Recomputes every checkpoint of the workspace over the events as they are now: digest, count, chain and hash. */
export async function resealCheckpoints(tx: DbOrTx, workspaceId: string): Promise<void> {
  const checkpoints = await tx.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.workspaceId, workspaceId)).orderBy(asc(ledgerCheckpoints.seq));
  let prevHash: string | null = null;
  for (const cp of checkpoints) {
    const { digest, count } = await digestEventRange(tx, workspaceId, cp.fromPosition, cp.toPosition);
    const fields = { ...cp, eventCount: count, eventsDigest: digest, prevHash };
    const hash = checkpointHash(fields);
    await tx.update(ledgerCheckpoints).set({ eventCount: count, eventsDigest: digest, prevHash, hash }).where(eq(ledgerCheckpoints.id, cp.id));
    prevHash = hash;
  }
}
