import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { contacts, consentEvents, eventPersonalData, idempotencyKeys, outbox, subscriptions } from "../db/schema/ledger";
import { messageCategories } from "../db/schema/forms";
import { ConflictError, ValidationError } from "../errors";
import { normalizePhone } from "../phone/normalize";
import { canonicalJson, personalDigest, sha256Hex, type Canonical } from "./canonical";
import { applyEvent, type SubscriptionState } from "./fold";
import { eventHash, type HashedEventFields } from "./hash";
import { findLedgerWorkspace, resolveCategories, resolveFormVersion } from "./lookups";
import type { LedgerCommand, OptInLevel, Receipt } from "./types";
import { validateCommand, type ValidCommand } from "./validate-command";

/** The digest an idempotency key is bound to: the command as the caller sent it. */
function requestDigest(command: ValidCommand): string {
  return sha256Hex(canonicalJson({ ...command, occurredAt: command.occurredAt?.toISOString() } as unknown as Canonical));
}

function optInLevelOf(command: ValidCommand): OptInLevel | null {
  if (command.action === "opt_out") return null;
  if (command.action === "confirm") return "confirmed";
  // A message from the number itself on WhatsApp proves the owner acted; every other channel starts single.
  return command.optInLevel ?? (command.channel === "whatsapp" ? "confirmed" : "single");
}

/**
 * Records one change of consent: upserts the contact, writes one hash-chained event per category, updates
 * the subscription state, queues the outgoing webhook and remembers the idempotency key, all in ONE
 * transaction. Only the contact's row is locked, so appends for different people never wait on each other.
 */
export async function append(db: Db, input: LedgerCommand): Promise<Receipt> {
  const now = new Date();
  const command = validateCommand(input, now);
  const workspace = await findLedgerWorkspace(db, command.workspaceId);
  const phone = normalizePhone(command.phone, workspace.defaultCountry);
  const categories = await resolveCategories(db, command);
  const formVersion = await resolveFormVersion(db, command);
  const salt = workspace.ledgerSalt;
  const digestOf = (kind: string, value: string | undefined) => personalDigest(salt, kind, value);
  const phoneDigest = digestOf("phone", phone)!;
  const optInLevel = optInLevelOf(command);
  const occurredAt = command.occurredAt ?? now;
  const commandId = randomUUID();

  return db.transaction(async (tx) => {
    if (command.idempotencyKey) {
      const replay = await claimIdempotencyKey(tx, command.workspaceId, command.idempotencyKey, requestDigest(command));
      if (replay) return replay;
    }

    // ON CONFLICT DO UPDATE takes the contact's row lock and returns the newest chain head.
    const [contact] = await tx
      .insert(contacts)
      .values({ workspaceId: command.workspaceId, phoneDigest, phone, name: command.name ?? null })
      .onConflictDoUpdate({
        target: [contacts.workspaceId, contacts.phoneDigest],
        set: {
          phone,
          name: command.name ? command.name : sql`${contacts.name}`,
          updatedAt: now,
        },
      })
      .returning({ id: contacts.id, lastSeq: contacts.lastSeq, lastHash: contacts.lastHash });
    if (!contact) throw new Error("contact upsert returned no row");

    const current = await currentStates(tx, contact.id);
    if (command.action === "confirm") {
      const unconfirmable = categories
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => current.get(c.key)?.state.state !== "opted_in");
      if (unconfirmable.length > 0) {
        throw new ValidationError(
          unconfirmable.map(({ c, i }) => ({
            field: `categories.${i}`,
            code: "not_opted_in",
            message: `"${c.key}" cannot be confirmed: this number has not opted in to it`,
          })),
        );
      }
    }

    let prevHash = contact.lastHash;
    let seq = contact.lastSeq;
    const rows: (HashedEventFields & { hash: string })[] = [];
    for (const category of categories) {
      seq += 1;
      const fields: HashedEventFields = {
        id: randomUUID(),
        workspaceId: command.workspaceId,
        contactId: contact.id,
        seq,
        commandId,
        categoryId: category.id,
        categoryKey: category.key,
        action: command.action,
        channel: command.channel,
        optInLevel,
        formVersionId: formVersion?.id ?? null,
        formVersionDigest: formVersion?.digest ?? null,
        language: formVersion?.language ?? command.language ?? null,
        occurredAt,
        recordedAt: now,
        evidence: command.evidence,
        actor: command.actor,
        phoneDigest,
        nameDigest: digestOf("name", command.name),
        ipDigest: digestOf("ip", command.network?.ip),
        userAgentDigest: digestOf("user_agent", command.network?.userAgent),
        noteDigest: digestOf("note", command.note),
        prevHash,
      };
      const hash = eventHash(fields);
      rows.push({ ...fields, hash });
      prevHash = hash;
    }
    await tx.insert(consentEvents).values(rows);

    const hasPersonal = command.name || command.network?.ip || command.network?.userAgent || command.note;
    if (hasPersonal) {
      await tx.insert(eventPersonalData).values(
        rows.map((r) => ({
          eventId: r.id,
          workspaceId: command.workspaceId,
          contactId: contact.id,
          name: command.name ?? null,
          ip: command.network?.ip ?? null,
          userAgent: command.network?.userAgent ?? null,
          note: command.note ?? null,
        })),
      );
    }

    const newStates = rows.map((r) => {
      const state = applyEvent(current.get(r.categoryKey)?.state, { action: command.action, optInLevel });
      current.set(r.categoryKey, { categoryId: r.categoryId, state });
      return { workspaceId: command.workspaceId, contactId: contact.id, categoryId: r.categoryId, eventId: r.id, changedAt: occurredAt, ...state };
    });
    await tx
      .insert(subscriptions)
      .values(newStates)
      .onConflictDoUpdate({
        target: [subscriptions.contactId, subscriptions.categoryId],
        set: {
          state: sql`excluded.state`,
          optInLevel: sql`excluded.opt_in_level`,
          eventId: sql`excluded.event_id`,
          changedAt: sql`excluded.changed_at`,
        },
      });

    await tx.update(contacts).set({ lastSeq: seq, lastHash: prevHash }).where(eq(contacts.id, contact.id));

    const receipt: Receipt = {
      commandId,
      workspaceId: command.workspaceId,
      contactId: contact.id,
      phone,
      events: rows.map((r) => ({
        id: r.id,
        categoryKey: r.categoryKey,
        action: command.action,
        seq: r.seq,
        hash: r.hash,
        occurredAt: occurredAt.toISOString(),
      })),
      state: Object.fromEntries([...current].map(([key, v]) => [key, v.state])),
      replayed: false,
    };
    await tx.insert(outbox).values({
      workspaceId: command.workspaceId,
      topic: `consent.${command.action}`,
      payload: { commandId, contactId: contact.id, phone, channel: command.channel, events: receipt.events, state: receipt.state },
    });
    if (command.idempotencyKey) {
      await tx
        .update(idempotencyKeys)
        .set({ receipt })
        .where(and(eq(idempotencyKeys.workspaceId, command.workspaceId), eq(idempotencyKeys.key, command.idempotencyKey)));
    }
    return receipt;
  });
}

async function currentStates(tx: Tx, contactId: string) {
  const rows = await tx
    .select({
      categoryId: subscriptions.categoryId,
      key: messageCategories.key,
      state: subscriptions.state,
      optInLevel: subscriptions.optInLevel,
    })
    .from(subscriptions)
    .innerJoin(messageCategories, eq(messageCategories.id, subscriptions.categoryId))
    .where(eq(subscriptions.contactId, contactId));
  return new Map<string, { categoryId: string; state: SubscriptionState }>(
    rows.map((r) => [r.key, { categoryId: r.categoryId, state: { state: r.state, optInLevel: r.optInLevel } }]),
  );
}

/**
 * Claims the key before anything else is written. A concurrent twin blocks on the key's row until the first
 * commits, then reads its receipt; if the first rolled back, the twin proceeds as the first.
 */
async function claimIdempotencyKey(tx: Tx, workspaceId: string, key: string, digest: string): Promise<Receipt | null> {
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ workspaceId, key, requestDigest: digest, receipt: null })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return null;
  const [existing] = await tx
    .select({ requestDigest: idempotencyKeys.requestDigest, receipt: idempotencyKeys.receipt })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
  if (!existing || existing.requestDigest !== digest) {
    throw new ConflictError("idempotency_key_reused", "This idempotency key was already used for a different request.");
  }
  return { ...(existing.receipt as Receipt), replayed: true };
}
