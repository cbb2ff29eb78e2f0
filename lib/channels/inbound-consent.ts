import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { forms, formVersions } from "../db/schema/forms";
import type { FormVersionContent } from "../db/schema/form-content";
import { append, type AppendOptions } from "../ledger/append";
import { IdentityConflictError } from "../ledger/write";
import { personalDigest } from "../ledger/canonical";
import { queryRows } from "../db/sql";
import type { Actor, KeywordReplyStatus, LedgerCommand, Receipt } from "../ledger/types";
import { normalizePhone } from "../phone/normalize";
import { keywordReply, type KeywordReply } from "../forms/channel-wording";
import { normalizeCommand, normalizeKeyword, type CategoryName } from "./keywords";

/**
 * What the WhatsApp and SMS webhooks share: turning "stop", "stop one", "join" and "resume" into ledger
 * commands. Each is ONE append, so one STOP is one transaction and one outgoing webhook, however many categories
 * it covers.
 */
export type InboundChannelKind = "whatsapp" | "sms";

/**
 * Who a message is from, as the channel tells it: a number, a WhatsApp BSUID (Meta's user_id, which may come
 * instead of the number once people adopt usernames), or both. At least one is always set.
 */
export type InboundIdentity = { phone?: string; bsuid?: string };

export type InboundCommandBase = InboundIdentity & {
  workspaceId: string;
  channel: InboundChannelKind;
  evidence: Record<string, unknown>;
  occurredAt?: Date;
  idempotencyKey: string;
  /** A name the channel gave (a WhatsApp profile name): personal data, kept where the ledger keeps names. */
  name?: string;
  actor?: Actor;
};

export type ChannelCategory = CategoryName & { templateCategory: "marketing" | "utility" | "authentication" };

function command(base: InboundCommandBase, rest: Pick<LedgerCommand, "action" | "categories"> & Partial<LedgerCommand>): LedgerCommand {
  return { actor: { type: "person" }, ...base, ...rest };
}

/**
 * One append for the person however they are identified. A number and a BSUID held by two different contacts
 * (someone signed up on the web by number, and earlier wrote with a username) cannot be merged into one chain, so
 * the command is recorded for each: a STOP reaches both, and a check by either identifier answers it.
 */
async function appendFor(db: Db, cmd: LedgerCommand, options: AppendOptions = {}): Promise<Receipt> {
  if (!cmd.phone || !cmd.bsuid) return append(db, cmd, options);
  try {
    return await append(db, cmd, options);
  } catch (error) {
    if (!(error instanceof IdentityConflictError)) throw error;
    const byPhone = await append(db, { ...cmd, bsuid: undefined }, options);
    // The caller's statements (a message's claim and window) belong to the message: they went with the first.
    await append(db, { ...cmd, phone: undefined, idempotencyKey: cmd.idempotencyKey && `${cmd.idempotencyKey}:bsuid` }, { ...options, alongside: undefined });
    return byPhone;
  }
}

/** Opts out of the given categories in one append; nothing is written for an empty list. */
export async function recordOptOut(db: Db, base: InboundCommandBase, categories: string[], options: AppendOptions = {}): Promise<Receipt | null> {
  if (categories.length === 0) return null;
  return appendFor(db, command(base, { action: "opt_out", categories }), options);
}

export type KeywordForm = { formId: string; versionId: string; language: string; content: FormVersionContent };

/** The published form on this channel whose keyword is the whole message, with the version it serves. */
export async function findKeywordForm(db: DbOrTx, workspaceId: string, channel: InboundChannelKind, text: string): Promise<KeywordForm | null> {
  // Read as its words, so "Join!" or "ＪＯＩＮ" is JOIN; the stored keyword is reduced the same way.
  const word = normalizeCommand(text);
  if (!word) return null;
  const rows = await db
    .select({ formId: forms.id, keyword: forms.keyword, versionId: formVersions.id, content: formVersions.content })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.currentVersionId))
    .where(and(eq(forms.workspaceId, workspaceId), eq(forms.channel, channel), eq(forms.status, "published")));
  const form = rows.find((r) => r.keyword && normalizeCommand(r.keyword) === word);
  return form ? { formId: form.formId, versionId: form.versionId, language: form.content.defaultLanguage, content: form.content } : null;
}

/**
 * The reply to a keyword: the version's reply (or its consent sentences and how to stop), in the language
 * recorded with the event, and, when the form has several categories, one choice per category (the keyword
 * alone then opts in to nothing). Built from the version alone, so the event's form version and language prove
 * what was sent. `numbered`: WhatsApp through Twilio, whose TwiML answer carries text only.
 */
export function keywordReplyFor(form: KeywordForm, channel: InboundChannelKind, numbered = false): KeywordReply {
  return keywordReply(form.content, form.language, channel, { versionId: form.versionId, numbered });
}

/** Whether the keyword itself opts in: only when the form offers one category (more are asked for one by one). */
export const keywordOptsIn = (form: KeywordForm) => form.content.categoryKeys.length === 1;

/**
 * The opt-in a keyword gives, with what became of the reply that carries the wording (evidence.reply). When no
 * reply can be sent the person agreed to wording they were never sent: that is a single opt-in whatever the
 * channel, and the record says so.
 */
export async function recordKeywordOptIn(db: Db, base: InboundCommandBase, form: KeywordForm, reply: KeywordReplyStatus): Promise<Receipt> {
  const evidence = { ...base.evidence, reply };
  return appendFor(
    db,
    command(
      { ...base, evidence },
      {
        action: "opt_in",
        categories: form.content.categoryKeys,
        formVersionId: form.versionId,
        language: form.language,
        ...(reply === "none" ? { optInLevel: "single" as const } : {}),
      },
    ),
  );
}

/**
 * One category chosen in answer to a keyword's reply (keyword-choice.ts): an opt-in to exactly it, under the form
 * version that asked, at the channel's usual level (the person answered the wording, so it was received).
 */
export async function recordChoiceOptIn(db: Db, base: InboundCommandBase, form: KeywordForm, categoryKey: string): Promise<Receipt> {
  return appendFor(db, command(base, { action: "opt_in", categories: [categoryKey], formVersionId: form.versionId, language: form.language }));
}

/**
 * The contacts this identity names in the workspace, found by their salted digests (they survive erasure): none,
 * one, or two when the number and the BSUID are still held by two contacts. Locked when asked.
 */
export async function findContactIds(db: DbOrTx, workspaceId: string, identity: InboundIdentity, options: { lock?: boolean } = {}): Promise<string[]> {
  const [ws] = await queryRows<{ ledger_salt: string; default_country: string }>(
    db,
    sql`select ledger_salt, default_country from workspaces where id = ${workspaceId}`,
  );
  if (!ws) return [];
  const phoneDigest = identity.phone ? personalDigest(ws.ledger_salt, "phone", normalizePhone(identity.phone, ws.default_country)) : null;
  const bsuidDigest = personalDigest(ws.ledger_salt, "bsuid", identity.bsuid);
  if (!phoneDigest && !bsuidDigest) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from contacts where workspace_id = ${workspaceId}
      and (phone_digest = ${phoneDigest} or bsuid_digest = ${bsuidDigest}) order by id ${options.lock ? sql`for update` : sql``}`,
  );
  return rows.map((r) => r.id);
}

/** The one contact this identity names, or null (none, or two not yet linked). */
export async function findContactId(db: DbOrTx, workspaceId: string, identity: InboundIdentity, options: { lock?: boolean } = {}): Promise<string | null> {
  const ids = await findContactIds(db, workspaceId, identity, options);
  return ids.length === 1 ? ids[0]! : null;
}

export type StoppedBy = { channel: InboundChannelKind; kind?: string };

/**
 * The categories a "resume" may opt back in to: those whose CURRENT opt-out was recorded by the same kind of
 * stop (a WhatsApp marketing preference, an SMS stop word), grouped by the form version of the contact's last
 * opt-in to each. A resume never opts in to a category the person never agreed to, nor undoes a stop they gave
 * some other way (a preference-centre click, a STOP text after the preference); and the new event names the
 * wording the person last agreed to, since an opt-in must name one.
 */
export async function findReopenable(db: DbOrTx, workspaceId: string, contactId: string, stoppedBy: StoppedBy) {
  const rows = await queryRows<{ key: string; form_version_id: string | null; language: string | null }>(
    db,
    sql`select c.key, last.form_version_id, last.language
      from subscriptions s
      join consent_events e on e.id = s.event_id
      join message_categories c on c.id = s.category_id
      left join lateral (
        select o.form_version_id, o.language from consent_events o
        where o.contact_id = s.contact_id and o.category_id = s.category_id and o.action = 'opt_in' and o.form_version_id is not null
        order by o.seq desc limit 1) last on true
      where s.workspace_id = ${workspaceId} and s.contact_id = ${contactId} and s.state = 'opted_out' and c.retired_at is null
        and e.action = 'opt_out' and e.channel = ${stoppedBy.channel}
        ${stoppedBy.kind ? sql`and e.evidence->>'kind' = ${stoppedBy.kind}` : sql``}
      order by c.position`,
  );
  const groups = new Map<string, { formVersionId: string; language: string | undefined; categories: string[] }>();
  for (const r of rows) {
    if (!r.form_version_id) continue;
    const id = `${r.form_version_id}|${r.language ?? ""}`;
    const group = groups.get(id) ?? { formVersionId: r.form_version_id, language: r.language ?? undefined, categories: [] };
    group.categories.push(r.key);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** Opts back in to what findReopenable allows: one append per form version (nearly always exactly one). */
export async function recordResume(db: Db, base: InboundCommandBase, stoppedBy: StoppedBy): Promise<Receipt[]> {
  // Call inside a transaction: the contact's lock, held to its end, keeps a STOP from landing between the read
  // of what may be reopened and the opt-in (it would be undone). append() takes the same lock.
  const contactIds = await findContactIds(db, base.workspaceId, base, { lock: true });
  if (contactIds.length === 0) return [];
  if (contactIds.length > 1) {
    // The number and the BSUID are two contacts: each resumes what its own stop stopped.
    const byPhone = await recordResume(db, { ...base, bsuid: undefined }, stoppedBy);
    const byBsuid = await recordResume(db, { ...base, phone: undefined, idempotencyKey: `${base.idempotencyKey}:bsuid` }, stoppedBy);
    return [...byPhone, ...byBsuid];
  }
  const contactId = contactIds[0]!;
  const groups = await findReopenable(db, base.workspaceId, contactId, stoppedBy);
  const receipts: Receipt[] = [];
  for (const [i, g] of groups.entries()) {
    const key = i === 0 ? base.idempotencyKey : `${base.idempotencyKey}:${i}`;
    receipts.push(
      await append(
        db,
        command({ ...base, idempotencyKey: key }, { action: "opt_in", categories: g.categories, formVersionId: g.formVersionId, language: g.language }),
      ),
    );
  }
  return receipts;
}

/** The categories among these that the contact is opted in to now: the ones a confirmation can raise. */
export async function optedInKeys(db: DbOrTx, workspaceId: string, contactId: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select c.key from subscriptions s join message_categories c on c.id = s.category_id
      where s.workspace_id = ${workspaceId} and s.contact_id = ${contactId} and s.state = 'opted_in'
        and c.key in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})`,
  );
  const live = new Set(rows.map((r) => r.key));
  return keys.filter((k) => live.has(k));
}

/** The published keywords of a channel's forms, for the HELP answer. */
export async function listFormKeywords(db: DbOrTx, workspaceId: string, channel: InboundChannelKind): Promise<string[]> {
  const rows = await db
    .select({ keyword: forms.keyword })
    .from(forms)
    .where(and(eq(forms.workspaceId, workspaceId), eq(forms.channel, channel), eq(forms.status, "published")));
  return rows
    .map((r) => r.keyword)
    .filter((k): k is string => Boolean(k))
    .map(normalizeKeyword);
}
