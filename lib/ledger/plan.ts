import "server-only";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../db/client";
import { normalizePhone } from "../phone/normalize";
import { canonicalJson, personalDigest, type Canonical } from "./canonical";
import { sha256Hex } from "../security/digest";
import { eventHasher, type ChainFields, type HashedEventFields } from "./hash";
import { checkCategories, checkFormVersion, lookUpLedgerContext, type LedgerCategory, type LedgerContext } from "./lookups";
import type { LedgerCommand, OptInLevel } from "./types";
import { validateCommand, type ValidCommand } from "./validate-command";
import { evidencePersonalDataMessage, evidenceRepeatingPersonalData } from "./evidence-privacy";
import { ValidationError } from "../errors";

/** An event with everything but its place in the contact's chain, and the hash function that completes it. */
export type PlannedEvent = { fields: Omit<HashedEventFields, keyof ChainFields>; hashWith: (chain: ChainFields) => string };

/** A command worked out before BEGIN: validated, looked up, normalised and pre-hashed. */
export type CommandPlan = {
  command: ValidCommand;
  commandId: string;
  workspaceId: string;
  /** E.164, or null when the command named only a BSUID. */
  phone: string | null;
  phoneDigest: string | null;
  bsuid: string | null;
  bsuidDigest: string | null;
  categories: LedgerCategory[];
  optInLevel: OptInLevel | null;
  occurredAt: Date;
  now: Date;
  events: PlannedEvent[];
  /** The digest the idempotency key is bound to, when there is a key. */
  requestDigest: string | null;
};

/** Lookups shared by the commands of one batch: an import names the same categories and form version again and again. */
export type ContextCache = Map<string, Promise<LedgerContext>>;

/** The digest an idempotency key is bound to: the command as the caller sent it. */
function requestDigestOf(command: ValidCommand): string {
  return sha256Hex(canonicalJson({ ...command, occurredAt: command.occurredAt?.toISOString() } as unknown as Canonical));
}

export function optInLevelOf(command: Pick<ValidCommand, "action" | "channel" | "optInLevel">): OptInLevel | null {
  if (command.action === "opt_out") return null;
  if (command.action === "confirm") return "confirmed";
  // A message from the number itself on WhatsApp proves the owner acted; every other channel starts single.
  return command.optInLevel ?? (command.channel === "whatsapp" ? "confirmed" : "single");
}

function lookUp(db: DbOrTx, command: ValidCommand, cache: ContextCache | undefined): Promise<LedgerContext> {
  if (!cache) return lookUpLedgerContext(db, command);
  const key = JSON.stringify([command.workspaceId, [...command.categories].sort(), command.formVersionId ?? null, command.language ?? null]);
  let found = cache.get(key);
  if (!found) {
    found = lookUpLedgerContext(db, command);
    // A failed lookup is not remembered: the next command asks again.
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** A context read by the caller serves the command it was read for: the same workspace, form version and language. */
function fits(known: LedgerContext, command: ValidCommand): boolean {
  if (known.workspace.id !== command.workspaceId) return false;
  if (!command.formVersionId) return known.formVersion === null;
  return known.formVersion?.id === command.formVersionId && (command.language === undefined || known.formVersion.language === command.language);
}

/**
 * Everything about a command that does not depend on the contact's chain, so that as little as possible
 * happens while the contact's row is locked. Throws a ValidationError (or NotFoundError) for bad input.
 */
export async function planCommand(db: DbOrTx, input: LedgerCommand, now: Date, cache?: ContextCache, known?: LedgerContext): Promise<CommandPlan> {
  const command = validateCommand(input, now);
  // A caller that already read the workspace and its categories (a webhook, in the read that found its channel; a
  // form, with its version) saves the round trip; checkCategories refuses what is unknown or retired just the same.
  const context = known && fits(known, command) ? known : await lookUp(db, command, cache);
  const phone = command.phone === undefined ? null : normalizePhone(command.phone, context.workspace.defaultCountry);
  const bsuid = command.bsuid ?? null;
  const repeating = evidenceRepeatingPersonalData(command.channel, command.evidence, { phone, bsuid, name: command.name, ...command.network });
  if (repeating.length > 0) {
    throw new ValidationError(repeating.map((key) => ({ field: `evidence.${key}`, code: "personal_data", message: evidencePersonalDataMessage })));
  }
  const categories = checkCategories(command, context.categories);
  const formVersion = checkFormVersion(command, context.formVersion);
  const digestOf = (kind: string, value: string | undefined) => personalDigest(context.workspace.ledgerSalt, kind, value);
  const phoneDigest = digestOf("phone", phone ?? undefined);
  const bsuidDigest = digestOf("bsuid", bsuid ?? undefined);
  const optInLevel = optInLevelOf(command);
  const occurredAt = command.occurredAt ?? now;
  const commandId = randomUUID();
  const unchained = {
    workspaceId: command.workspaceId,
    commandId,
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
    bsuidDigest,
    nameDigest: digestOf("name", command.name),
    ipDigest: digestOf("ip", command.network?.ip),
    userAgentDigest: digestOf("user_agent", command.network?.userAgent),
    noteDigest: digestOf("note", command.note),
  };
  const events = categories.map((category) => {
    const fields = { ...unchained, id: randomUUID(), categoryId: category.id, categoryKey: category.key };
    return { fields, hashWith: eventHasher(fields) };
  });
  return {
    command,
    commandId,
    workspaceId: command.workspaceId,
    phone,
    phoneDigest,
    bsuid,
    bsuidDigest,
    categories,
    optInLevel,
    occurredAt,
    now,
    events,
    requestDigest: command.idempotencyKey ? requestDigestOf(command) : null,
  };
}
