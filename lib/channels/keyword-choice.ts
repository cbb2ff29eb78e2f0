import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { keywordChoiceRequests } from "../db/schema/channels";
import { forms, formVersions } from "../db/schema/forms";
import { queryRows } from "../db/sql";
import type { Receipt } from "../ledger/types";
import { CHOICE_ID_PREFIX, keywordReply, readChoiceId, type KeywordChoice } from "../forms/channel-wording";
import { messagesFor } from "../i18n/languages";
import { keywordReplyFor, listFormKeywords, recordChoiceOptIn, type InboundChannelKind, type InboundCommandBase, type KeywordForm } from "./inbound-consent";
import { sha256Hex } from "../security/digest";
import type { InboundChannel } from "./settings";
import { phoneDigest } from "./whatsapp/service-window";

/**
 * A keyword form with several categories asks which the person wants instead of opting in to all of them
 * (decision 0024). On WhatsApp the answer is a button whose id carries the form version and the category; in a
 * text (SMS, WhatsApp through Twilio) it is a number, read against the question remembered here for a while.
 * Either way each category chosen is its own opt-in, with the digest of its consent sentence as the reply
 * carried it.
 */

/** How long a numbered question can be answered: a day, like WhatsApp's own service window. */
export const CHOICE_QUESTION_TTL_MS = 24 * 60 * 60 * 1000;

/** The form version a choice names, if it is one of this workspace's forms on this channel and still published. */
export async function findChoiceForm(db: DbOrTx, workspaceId: string, channel: InboundChannelKind, versionId: string): Promise<KeywordForm | null> {
  const [row] = await db
    .select({ formId: forms.id, versionId: formVersions.id, content: formVersions.content })
    .from(formVersions)
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .where(and(eq(formVersions.id, versionId), eq(forms.workspaceId, workspaceId), eq(forms.channel, channel), eq(forms.status, "published")));
  // The question was asked in the version's default language (findKeywordForm), so its wording is that one's.
  return row ? { formId: row.formId, versionId: row.versionId, language: row.content.defaultLanguage, content: row.content } : null;
}

/**
 * Remembers that this number was asked to choose by number for this form version (replacing an earlier question
 * on the channel), and clears the workspace's expired questions while at it: they are never read again.
 */
export async function rememberChoiceQuestion(
  db: DbOrTx,
  channel: InboundChannel,
  kind: InboundChannelKind,
  phone: string | undefined,
  versionId: string,
  askedIn: string,
): Promise<void> {
  const digest = phoneDigest(channel, phone);
  if (!digest) return;
  await db.execute(sql`delete from keyword_choice_requests where workspace_id = ${channel.workspaceId} and expires_at < now()`);
  const expiresAt = new Date(Date.now() + CHOICE_QUESTION_TTL_MS);
  await db
    .insert(keywordChoiceRequests)
    .values({ workspaceId: channel.workspaceId, channel: kind, subjectDigest: digest, formVersionId: versionId, askedIn: askedIn.slice(0, 200), expiresAt })
    .onConflictDoUpdate({
      target: [keywordChoiceRequests.workspaceId, keywordChoiceRequests.channel, keywordChoiceRequests.subjectDigest],
      set: { formVersionId: versionId, askedIn: askedIn.slice(0, 200), askedAt: sql`now()`, expiresAt },
    });
}

/**
 * The statement that drops every numbered question a number may still answer in the workspace (a CTE body, run with
 * its opt-out, PlanExtras.alongside): after STOP, a "1" must not opt the person back in to what the question offered
 * before they stopped. Null when the number cannot be read (nothing can be pending for it then).
 */
export function forgetChoiceQuestions(workspace: { id: string; ledgerSalt: string; defaultCountry: string }, phone: string | undefined): SQL | null {
  const digest = phoneDigest(workspace, phone);
  if (!digest) return null;
  return sql`delete from keyword_choice_requests where workspace_id = ${workspace.id} and channel in ('sms', 'whatsapp') and subject_digest = ${digest}`;
}

/** The numbered question this number may still answer on the channel, if any. */
export async function findChoiceQuestion(db: DbOrTx, channel: InboundChannel, kind: InboundChannelKind, phone: string | undefined) {
  const digest = phoneDigest(channel, phone);
  if (!digest) return null;
  const [row] = await queryRows<{ form_version_id: string; asked_in: string }>(
    db,
    sql`select form_version_id, asked_in from keyword_choice_requests
      where workspace_id = ${channel.workspaceId} and channel = ${kind} and subject_digest = ${digest} and expires_at > now()`,
  );
  return row ? { formVersionId: row.form_version_id, askedIn: row.asked_in } : null;
}

/**
 * A text made only of choice numbers ("2", "1 3", "1, 2"): the numbers, in order, without repeats; null for any
 * other text, which is then read as it always was (a number sent with no question pending is no command).
 */
export function readChoiceNumbers(text: string): number[] | null {
  const tokens = text
    .normalize("NFKC")
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (tokens.length === 0 || tokens.length > 10 || !tokens.every((t) => /^\d{1,2}$/.test(t))) return null;
  return [...new Set(tokens.map(Number))];
}

/** The SHA-256 of the consent sentence a choice stands for, exactly as the reply carried it. */
export function choiceWordingDigest(form: KeywordForm, categoryKey: string): string {
  const sentence = form.content.languages[form.language]?.consent[categoryKey] ?? "";
  return sha256Hex(sentence);
}

/** The choices the version's reply offers on this channel, as it was sent. */
export function offeredChoices(form: KeywordForm, channel: InboundChannelKind, numbered: boolean): KeywordChoice[] {
  return keywordReply(form.content, form.language, channel, { versionId: form.versionId, numbered }).choices;
}

/**
 * Records each chosen category as its own opt-in (idempotent per inbound message and category: a redelivery
 * records nothing more), with the digest of its consent sentence and the message whose keyword asked.
 */
export async function recordChoices(db: Db, base: InboundCommandBase, form: KeywordForm, categoryKeys: string[], askedIn?: string): Promise<Receipt[]> {
  const receipts: Receipt[] = [];
  for (const key of categoryKeys) {
    const evidence = {
      ...base.evidence,
      reply: "answered" as const,
      wordingSha256: choiceWordingDigest(form, key),
      ...(askedIn ? { askedIn: askedIn.slice(0, 500) } : {}),
    };
    receipts.push(await recordChoiceOptIn(db, { ...base, evidence, idempotencyKey: `${base.idempotencyKey}:${key}` }, form, key));
  }
  return receipts;
}

/** What the person is told once their choice is recorded, in the language they were asked in. */
function recordedReply(channel: InboundChannel, form: KeywordForm, chosen: KeywordChoice[]): string {
  const label = (key: string) => form.content.languages[form.language]?.categories?.[key]?.label?.trim() || key;
  return messagesFor(form.language).inbound.choiceRecorded(chosen.map((c) => `"${label(c.categoryKey)}"`).join(", "), channel.businessName);
}

/**
 * A text answering a numbered question ("2", "1 3"): each number's category recorded, and the reply. Null when
 * the text is no list of numbers, or the number has no question pending on this channel (or the form was
 * withdrawn since): the message is then read as it always was. A number the question did not offer records
 * nothing and is answered with the question again.
 */
export async function answerNumberedChoice(
  db: Db,
  channel: InboundChannel,
  kind: InboundChannelKind,
  base: InboundCommandBase,
  text: string,
): Promise<string | null> {
  const numbers = readChoiceNumbers(text);
  if (!numbers) return null;
  const asked = await findChoiceQuestion(db, channel, kind, base.phone);
  const form = asked ? await findChoiceForm(db, channel.workspaceId, kind, asked.formVersionId) : null;
  if (!asked || !form) return null;
  const offered = offeredChoices(form, kind, true);
  const chosen = numbers.map((n) => offered[n - 1]);
  if (chosen.some((c) => !c)) return keywordReplyFor(form, kind, true).body;
  await recordChoices(
    db,
    base,
    form,
    chosen.map((c) => c!.categoryKey),
    asked.askedIn,
  );
  return recordedReply(channel, form, chosen as KeywordChoice[]);
}

/**
 * A tapped choice button (or list row): its id names a form version and a category, which must be one of this
 * workspace's published WhatsApp forms and a category its version offered. Anything else (another workspace's
 * form, a category the version never offered, a made-up id) records nothing and is told how to see the choices.
 * Null when the payload is no choice id at all.
 */
export async function answerChoiceButton(
  db: Db,
  channel: InboundChannel,
  base: InboundCommandBase,
  payload: string | undefined,
  askedIn?: string,
): Promise<string | null> {
  if (!payload?.startsWith(CHOICE_ID_PREFIX)) return null;
  const claimed = readChoiceId(payload);
  const form = claimed ? await findChoiceForm(db, channel.workspaceId, "whatsapp", claimed.versionId) : null;
  const choice = form && claimed ? offeredChoices(form, "whatsapp", false).find((c) => c.categoryKey === claimed.categoryKey) : undefined;
  if (!form || !choice) {
    // One keyword to suggest, the same every time: the first in alphabetical order.
    const [join] = (await listFormKeywords(db, channel.workspaceId, "whatsapp")).sort();
    return messagesFor(channel.defaultLanguage).inbound.choiceUnknown(channel.businessName, join ?? null);
  }
  await recordChoices(db, base, form, [choice.categoryKey], askedIn);
  return recordedReply(channel, form, [choice]);
}
