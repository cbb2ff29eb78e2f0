import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { equalsAnyOf } from "../db/prepared-statements";
import { type AppError, ConflictError, ValidationError } from "../errors";
import { applyEvent, type SubscriptionState } from "./fold";
import { queryRows } from "../db/sql";
import type { CommandPlan } from "./plan";
import type { OptInLevel, Receipt } from "./types";

export type AppendOutcome = { ok: true; receipt: Receipt } | { ok: false; error: AppError };

/** A contact's chain head, shared by every plan written to that contact, with the identifiers it holds. */
type Head = { id: string; seq: number; hash: string | null; phone: string | null; bsuid: string | null };
type Current = Map<string, { categoryId: string; state: SubscriptionState }>;

const list = <T>(items: T[], row: (item: T) => SQL) => sql.join(items.map(row), sql`, `);
/**
 * Many rows as one `select … from unnest(…)`: one array parameter a column, so a statement has the same text and
 * the same few parameters however many rows it writes. PostgreSQL then parses and plans it once per connection
 * (lib/db/prepared-statements.ts), and the query builder walks a few dozen chunks instead of one per value.
 * Columns of other types (enums, jsonb, timestamps) travel as text[] and are cast one value at a time: PGlite
 * serialises arrays of built-in types only.
 */
const carried = new Set(["uuid", "int", "text"]);
const rowsOf = <T>(rows: T[], cols: [value: (row: T) => unknown, type: string][]) => {
  const args = cols.map(([value, type]) => sql`${sql.param(rows.map((row) => value(row) ?? null))}::${sql.raw(carried.has(type) ? type : "text")}[]`);
  const names = cols.map((_, i) => `c${i}`);
  const select = cols.map(([, type], i) => (carried.has(type) ? names[i] : `${names[i]}::${type}`));
  return sql`select ${sql.raw(select.join(", "))} from unnest(${sql.join(args, sql`, `)}) as u(${sql.raw(names.join(", "))})`;
};
const contactKey = (p: CommandPlan) => `${p.workspaceId}|${p.phoneDigest ?? ""}|${p.bsuidDigest ?? ""}`;

/** A number and a BSUID that the ledger already holds on two different people: they are not merged by guesswork. */
export class IdentityConflictError extends ConflictError {
  constructor() {
    super("identity_conflict", "This phone number and this WhatsApp user ID belong to different contacts.");
  }
}

/**
 * Writes planned commands inside the caller's transaction, in their order, with a fixed number of statements
 * whatever their count: claim the idempotency keys, upsert and lock the contacts, read their states, then one
 * statement for every event, personal-data row, state, chain head, receipt and outbox row. One command is what
 * append() does; many are what an import does. A command whose idempotency key was used for another request
 * gets that error and writes nothing; the others go on. A confirmation of something never opted in to throws
 * (append() confirms one command at a time).
 */
/** What a caller has written with a plan's events, in the same statement, when the plan is written (not replayed). */
export type PlanExtras = {
  /** A new preference-link hash to issue for the plan's contact (revoking its older links). */
  preferenceTokenHash?: string;
  /**
   * Statements of the caller's own (CTE bodies: an insert or an upsert, their results unread) that must commit
   * with the events or not at all: a webhook's claim on the message and its service window.
   */
  alongside?: SQL[];
};

export type WriteOptions = { extrasFor?: (p: CommandPlan) => PlanExtras | undefined };

export async function writePlans(tx: Tx, plans: CommandPlan[], options: WriteOptions = {}): Promise<AppendOutcome[]> {
  const outcomes: (AppendOutcome | undefined)[] = new Array(plans.length);
  const replayOf = await claimIdempotencyKeys(tx, plans, outcomes);
  const writing = plans.map((p, i) => ({ p, i })).filter(({ i }) => outcomes[i] === undefined && !replayOf.has(i));
  if (writing.length === 0) return finish(plans, outcomes, replayOf);

  const heads = await lockContacts(
    tx,
    writing.map(({ p }) => p),
  );
  const currents = await currentStates(tx, [...new Set([...heads.values()].map((h) => h.id))]);

  const written: { p: CommandPlan; receipt: Receipt; rows: EventRow[]; states: StateRow[] }[] = [];
  for (const { p, i } of writing) {
    const head = heads.get(contactKey(p))!;
    const current = currents.get(head.id) ?? new Map();
    currents.set(head.id, current);
    // Thrown, not returned: the contact may have just been created, and the caller's rollback removes it.
    const refusal = confirmRefusal(p, current);
    if (refusal) throw refusal;
    const { rows, states, receipt } = chain(p, head, current);
    written.push({ p, receipt, rows, states });
    outcomes[i] = { ok: true, receipt };
  }
  await writeAll(tx, written, heads, options);
  return finish(plans, outcomes, replayOf);
}

/** A replayed twin inside the same batch gets the receipt its first occurrence just produced. */
function finish(plans: CommandPlan[], outcomes: (AppendOutcome | undefined)[], replayOf: Map<number, number>): AppendOutcome[] {
  for (const [i, first] of replayOf) {
    const original = outcomes[first]!;
    outcomes[i] = original.ok ? { ok: true, receipt: { ...original.receipt, replayed: true } } : original;
  }
  return plans.map((_, i) => outcomes[i]!);
}

/**
 * Claims every key before anything else is written. A concurrent twin blocks on the key's row until the first
 * commits, then reads its receipt; if the first rolled back, the twin proceeds as the first. Returns, for
 * commands repeating a key earlier in the same batch, the index of that first command.
 */
async function claimIdempotencyKeys(tx: Tx, plans: CommandPlan[], outcomes: (AppendOutcome | undefined)[]): Promise<Map<number, number>> {
  const replayOf = new Map<number, number>();
  const firstByKey = new Map<string, number>();
  plans.forEach((p, i) => {
    const key = p.command.idempotencyKey;
    if (!key) return;
    const first = firstByKey.get(`${p.workspaceId}|${key}`);
    if (first === undefined) firstByKey.set(`${p.workspaceId}|${key}`, i);
    else if (plans[first]!.requestDigest === p.requestDigest) replayOf.set(i, first);
    else outcomes[i] = { ok: false, error: keyReused() };
  });
  if (firstByKey.size === 0) return replayOf;
  // Sorted, so that two batches claiming overlapping keys take their row locks in the same order.
  const claims = [...firstByKey.values()].map((i) => plans[i]!).sort((a, b) => (a.command.idempotencyKey! < b.command.idempotencyKey! ? -1 : 1));
  const claimed = await queryRows<{ workspace_id: string; key: string }>(
    tx,
    sql`insert into idempotency_keys (workspace_id, key, request_digest, receipt)
      values ${list(claims, (p) => sql`(${p.workspaceId}, ${p.command.idempotencyKey!}, ${p.requestDigest!}, null)`)}
      on conflict do nothing returning workspace_id, key`,
  );
  const mine = new Set(claimed.map((r) => `${r.workspace_id}|${r.key}`));
  const taken = claims.filter((p) => !mine.has(`${p.workspaceId}|${p.command.idempotencyKey!}`));
  if (taken.length === 0) return replayOf;
  const existing = await queryRows<{ workspace_id: string; key: string; request_digest: string; receipt: Receipt | null }>(
    tx,
    sql`select k.workspace_id, k.key, k.request_digest, k.receipt from idempotency_keys k
      join (values ${list(taken, (p) => sql`(${p.workspaceId}::uuid, ${p.command.idempotencyKey!})`)}) v(workspace_id, key)
        on k.workspace_id = v.workspace_id and k.key = v.key`,
  );
  const byKey = new Map(existing.map((r) => [`${r.workspace_id}|${r.key}`, r]));
  for (const p of taken) {
    const i = firstByKey.get(`${p.workspaceId}|${p.command.idempotencyKey!}`)!;
    const row = byKey.get(`${p.workspaceId}|${p.command.idempotencyKey!}`);
    outcomes[i] =
      row && row.request_digest === p.requestDigest && row.receipt
        ? { ok: true, receipt: { ...row.receipt, replayed: true } }
        : { ok: false, error: keyReused() };
  }
  return replayOf;
}

function keyReused() {
  return new ConflictError("idempotency_key_reused", "This idempotency key was already used for a different request.");
}

/**
 * Upserts every contact once, in digest order (so concurrent batches lock in the same order); ON CONFLICT DO
 * UPDATE takes each contact's row lock and returns its newest chain head. Commands that carry a BSUID are
 * resolved one by one afterwards (lockIdentified). Plans that land on the same contact share one head.
 */
async function lockContacts(tx: Tx, plans: CommandPlan[]): Promise<Map<string, Head>> {
  const byContact = new Map<string, { p: CommandPlan; name: string | null }>();
  for (const p of plans) {
    const previous = byContact.get(contactKey(p));
    byContact.set(contactKey(p), { p, name: p.command.name || previous?.name || null });
  }
  const all = [...byContact.values()].sort((a, b) => (contactKey(a.p) < contactKey(b.p) ? -1 : 1));
  const byPhone = all.filter(({ p }) => p.bsuidDigest === null);
  const nowIso = plans[0]!.now.toISOString();
  const heads = new Map<string, Head>();
  const byId = new Map<string, Head>();
  const place = (key: string, row: HeadRow) => {
    const head = byId.get(row.id) ?? { id: row.id, seq: row.last_seq, hash: row.last_hash, phone: row.phone, bsuid: row.bsuid };
    byId.set(row.id, head);
    heads.set(key, head);
  };
  if (byPhone.length > 0) {
    const rows = await queryRows<HeadRow & { workspace_id: string; phone_digest: string }>(
      tx,
      sql`insert into contacts (workspace_id, phone_digest, phone, name)
        values ${list(byPhone, ({ p, name }) => sql`(${p.workspaceId}::uuid, ${p.phoneDigest}, ${p.phone}, ${name})`)}
        on conflict (workspace_id, phone_digest) do update
        set phone = excluded.phone, name = coalesce(nullif(excluded.name, ''), contacts.name), updated_at = ${nowIso}
        returning id, workspace_id, phone_digest, phone, bsuid, last_seq, last_hash`,
    );
    if (rows.length !== byPhone.length) throw new Error("contact upsert returned too few rows");
    for (const row of rows) place(`${row.workspace_id}|${row.phone_digest}|`, row);
  }
  for (const { p, name } of all.filter(({ p }) => p.bsuidDigest !== null)) place(contactKey(p), await lockIdentified(tx, p, name, nowIso));
  return heads;
}

type HeadRow = { id: string; phone: string | null; bsuid: string | null; last_seq: number; last_hash: string | null };

/**
 * The contact of a command that carries a BSUID (and maybe a number), locked. Found by either identifier; the one
 * it lacks is linked to it (a BSUID contact gets the number, a number's contact the BSUID), so the person's history
 * continues on one chain. None: a new contact with both. A contact already holding a different number or BSUID,
 * or the two identifiers on two contacts, is an IdentityConflictError: chains cannot be merged after the fact, and
 * the caller decides (the WhatsApp handlers record the command for each identifier on its own).
 */
async function lockIdentified(tx: Tx, p: CommandPlan, name: string | null, nowIso: string): Promise<HeadRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await queryRows<HeadRow & { phone_digest: string | null; bsuid_digest: string | null }>(
      tx,
      sql`select id, phone_digest, bsuid_digest, phone, bsuid, last_seq, last_hash from contacts
        where workspace_id = ${p.workspaceId} and (bsuid_digest = ${p.bsuidDigest} ${p.phoneDigest ? sql`or phone_digest = ${p.phoneDigest}` : sql``})
        order by id for update`,
    );
    if (found.length > 1) throw new IdentityConflictError();
    const row = found[0];
    if (row) {
      if ((p.phoneDigest && row.phone_digest && row.phone_digest !== p.phoneDigest) || (row.bsuid_digest && row.bsuid_digest !== p.bsuidDigest)) {
        throw new IdentityConflictError();
      }
      const [updated] = await queryRows<HeadRow>(
        tx,
        sql`update contacts set phone_digest = coalesce(phone_digest, ${p.phoneDigest}), phone = coalesce(${p.phone}, phone),
          bsuid_digest = ${p.bsuidDigest}, bsuid = ${p.bsuid}, name = coalesce(nullif(${name}, ''), name), updated_at = ${nowIso}
          where id = ${row.id} returning id, phone, bsuid, last_seq, last_hash`,
      );
      return updated!;
    }
    // A concurrent command may insert the same person first: then nothing is returned and the lookup runs again.
    const [inserted] = await queryRows<HeadRow>(
      tx,
      sql`insert into contacts (workspace_id, phone_digest, phone, bsuid_digest, bsuid, name)
        values (${p.workspaceId}, ${p.phoneDigest}, ${p.phone}, ${p.bsuidDigest}, ${p.bsuid}, ${name})
        on conflict do nothing returning id, phone, bsuid, last_seq, last_hash`,
    );
    if (inserted) return inserted;
  }
  throw new Error("contact lookup kept racing with concurrent inserts");
}

/** A statement of its own, after the locks: its snapshot then includes whatever the previous holders wrote. */
async function currentStates(tx: Tx, contactIds: string[]): Promise<Map<string, Current>> {
  const rows = await queryRows<{ contact_id: string; category_id: string; key: string; state: SubscriptionState["state"]; opt_in_level: OptInLevel | null }>(
    tx,
    sql`select s.contact_id, s.category_id, c.key, s.state, s.opt_in_level from subscriptions s
      join message_categories c on c.id = s.category_id where ${equalsAnyOf(sql`s.contact_id`, contactIds, "uuid")}`,
  );
  const out = new Map<string, Current>();
  for (const r of rows) {
    if (!out.has(r.contact_id)) out.set(r.contact_id, new Map());
    out.get(r.contact_id)!.set(r.key, { categoryId: r.category_id, state: { state: r.state, optInLevel: r.opt_in_level } });
  }
  return out;
}

function confirmRefusal(p: CommandPlan, current: Current): ValidationError | null {
  if (p.command.action !== "confirm") return null;
  const unconfirmable = p.categories.map((c, i) => ({ c, i })).filter(({ c }) => current.get(c.key)?.state.state !== "opted_in");
  if (unconfirmable.length === 0) return null;
  return new ValidationError(
    unconfirmable.map(({ c, i }) => ({
      field: `categories.${i}`,
      code: "not_opted_in",
      message: `"${c.key}" cannot be confirmed: this number has not opted in to it`,
    })),
  );
}

type EventRow = ReturnType<typeof chain>["rows"][number];
type StateRow = {
  workspaceId: string;
  contactId: string;
  categoryId: string;
  eventId: string;
  state: SubscriptionState["state"];
  optInLevel: OptInLevel | null;
  changedAt: string;
};

/** Places the command's events at the head of the contact's chain and folds them into its state (both in memory). */
function chain(p: CommandPlan, head: Head, current: Current) {
  const rows = p.events.map(({ fields, hashWith }) => {
    head.seq += 1;
    const row = {
      ...fields,
      contactId: head.id,
      seq: head.seq,
      prevHash: head.hash,
      hash: hashWith({ contactId: head.id, seq: head.seq, prevHash: head.hash }),
    };
    head.hash = row.hash;
    return row;
  });
  const occurredIso = p.occurredAt.toISOString();
  const states: StateRow[] = rows.map((r) => {
    const state = applyEvent(current.get(r.categoryKey)?.state, { action: p.command.action, optInLevel: p.optInLevel });
    current.set(r.categoryKey, { categoryId: r.categoryId, state });
    return { workspaceId: p.workspaceId, contactId: head.id, categoryId: r.categoryId, eventId: r.id, ...state, changedAt: occurredIso };
  });
  const receipt: Receipt = {
    commandId: p.commandId,
    workspaceId: p.workspaceId,
    contactId: head.id,
    phone: head.phone,
    bsuid: head.bsuid,
    events: rows.map((r) => ({ id: r.id, categoryKey: r.categoryKey, action: p.command.action, seq: r.seq, hash: r.hash, occurredAt: occurredIso })),
    state: Object.fromEntries([...current].map(([key, v]) => [key, v.state])),
    replayed: false,
  };
  return { rows, states, receipt };
}

/** Every write in one statement: one round trip while the contacts' rows are locked. */
async function writeAll(
  tx: Tx,
  written: { p: CommandPlan; receipt: Receipt; rows: EventRow[]; states: StateRow[] }[],
  heads: Map<string, Head>,
  options: WriteOptions,
) {
  if (written.length === 0) return;
  const events = written.flatMap(({ p, rows }) => rows.map((r) => ({ p, r })));
  const personal = events.filter(({ p }) => p.command.name || p.command.network?.ip || p.command.network?.userAgent || p.command.note);
  // One row per contact and category: the last state wins, as it would have one command after another.
  const states = [...new Map(written.flatMap(({ states }) => states).map((s) => [`${s.contactId}|${s.categoryId}`, s])).values()];
  const touched = new Set(written.map(({ receipt }) => receipt.contactId));
  const movedHeads = [...new Set(heads.values())].filter((h) => touched.has(h.id));
  const receipts = written.filter(({ p }) => p.command.idempotencyKey);
  const json = (value: unknown) => JSON.stringify(value);
  const parts: SQL[] = [];
  if (events.length > 0) {
    parts.push(sql`events as (
      insert into consent_events (id, workspace_id, contact_id, seq, command_id, category_id, category_key, action, channel, opt_in_level,
        form_version_id, form_version_digest, language, occurred_at, recorded_at, evidence, actor,
        phone_digest, bsuid_digest, name_digest, ip_digest, user_agent_digest, note_digest, prev_hash, hash)
      ${rowsOf(events, [
        [({ r }) => r.id, "uuid"],
        [({ r }) => r.workspaceId, "uuid"],
        [({ r }) => r.contactId, "uuid"],
        [({ r }) => r.seq, "int"],
        [({ r }) => r.commandId, "uuid"],
        [({ r }) => r.categoryId, "uuid"],
        [({ r }) => r.categoryKey, "text"],
        [({ r }) => r.action, "consent_action"],
        [({ r }) => r.channel, "event_channel"],
        [({ r }) => r.optInLevel, "opt_in_level"],
        [({ r }) => r.formVersionId, "uuid"],
        [({ r }) => r.formVersionDigest, "text"],
        [({ r }) => r.language, "text"],
        [({ r }) => r.occurredAt.toISOString(), "timestamptz"],
        [({ r }) => r.recordedAt.toISOString(), "timestamptz"],
        [({ p }) => json(p.command.evidence), "jsonb"],
        [({ p }) => json(p.command.actor), "jsonb"],
        [({ r }) => r.phoneDigest, "text"],
        [({ r }) => r.bsuidDigest, "text"],
        [({ r }) => r.nameDigest, "text"],
        [({ r }) => r.ipDigest, "text"],
        [({ r }) => r.userAgentDigest, "text"],
        [({ r }) => r.noteDigest, "text"],
        [({ r }) => r.prevHash, "text"],
        [({ r }) => r.hash, "text"],
      ])})`);
  }
  if (personal.length > 0) {
    parts.push(sql`personal as (
      insert into event_personal_data (event_id, workspace_id, contact_id, name, ip, user_agent, note)
      values ${list(personal, ({ p, r }) => sql`(${r.id}, ${r.workspaceId}, ${r.contactId}, ${p.command.name ?? null}, ${p.command.network?.ip ?? null}, ${p.command.network?.userAgent ?? null}, ${p.command.note ?? null})`)})`);
  }
  if (states.length > 0) {
    parts.push(sql`states as (
      insert into subscriptions (workspace_id, contact_id, category_id, state, opt_in_level, event_id, changed_at)
      ${rowsOf(states, [
        [(s) => s.workspaceId, "uuid"],
        [(s) => s.contactId, "uuid"],
        [(s) => s.categoryId, "uuid"],
        [(s) => s.state, "subscription_state"],
        [(s) => s.optInLevel, "opt_in_level"],
        [(s) => s.eventId, "uuid"],
        [(s) => s.changedAt, "timestamptz"],
      ])}
      on conflict (contact_id, category_id) do update
      set state = excluded.state, opt_in_level = excluded.opt_in_level, event_id = excluded.event_id, changed_at = excluded.changed_at)`);
  }
  if (movedHeads.length > 0) {
    parts.push(sql`head as (update contacts c set last_seq = v.seq::int, last_hash = v.hash
      from (${rowsOf(movedHeads, [
        [(h) => h.id, "uuid"],
        [(h) => h.seq, "int"],
        [(h) => h.hash, "text"],
      ])}) v(id, seq, hash) where c.id = v.id)`);
  }
  if (receipts.length > 0) {
    parts.push(sql`receipt as (update idempotency_keys k set receipt = v.receipt::jsonb
      from (values ${list(receipts, ({ p, receipt }) => sql`(${p.workspaceId}, ${p.command.idempotencyKey!}, ${json(receipt)})`)}) v(workspace_id, key, receipt)
      where k.workspace_id = v.workspace_id::uuid and k.key = v.key)`);
  }
  const tokens = written.flatMap(({ p, receipt }) => {
    const hash = options.extrasFor?.(p)?.preferenceTokenHash;
    return hash ? [{ p, receipt, hash }] : [];
  });
  written.forEach(({ p }, i) => {
    for (const [k, statement] of (options.extrasFor?.(p)?.alongside ?? []).entries()) parts.push(sql`${sql.raw(`alongside_${i}_${k}`)} as (${statement})`);
  });
  if (tokens.length > 0) {
    // Both see the statement's snapshot: the older links are revoked, the new one (not in it) stays live.
    parts.push(sql`revoked_links as (update preference_tokens t set revoked_at = ${tokens[0]!.p.now.toISOString()}
      where t.revoked_at is null and (t.workspace_id, t.contact_id) in (${list(tokens, ({ p, receipt }) => sql`(${p.workspaceId}::uuid, ${receipt.contactId}::uuid)`)}))`);
    parts.push(sql`issued_links as (insert into preference_tokens (workspace_id, contact_id, token_hash, created_at)
      values ${list(tokens, ({ p, receipt, hash }) => sql`(${p.workspaceId}, ${receipt.contactId}, ${hash}, ${p.now.toISOString()})`)})`);
  }
  // No phone here: the deliverer reads it from the contact when it sends, so an erasure reaches queued messages.
  parts.push(sql`queued as (insert into outbox (workspace_id, topic, payload)
      ${rowsOf(written, [
        [({ p }) => p.workspaceId, "uuid"],
        [({ p }) => `consent.${p.command.action}`, "text"],
        [
          ({ p, receipt }) =>
            json({ commandId: p.commandId, contactId: receipt.contactId, channel: p.command.channel, events: receipt.events, state: receipt.state }),
          "jsonb",
        ],
      ])})`);
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}
