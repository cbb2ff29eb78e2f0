import "server-only";
import type { Db } from "../../db/client";
import { sha256Hex } from "../../security/digest";
import { whatsappQualityUpdates } from "../../db/schema/channels";
import { recordOptOut, recordResume, type InboundCommandBase } from "../inbound-consent";
import type { InboundChannel } from "../settings";
import { preferenceIdentity, statusIdentity } from "./identity";
import { unixTime, USER_STOPPED_MARKETING, type QualityValue, type WhatsAppStatus, type WhatsAppUserPreference } from "./payload";

function marketingKeys(channel: InboundChannel): string[] {
  return channel.vocabulary.categories.filter((c) => c.templateCategory === "marketing").map((c) => c.key);
}

/** The claim id of a status: one per message and status, since Meta sends sent, delivered, failed… separately. */
export const statusClaimId = (s: WhatsAppStatus) => `status:${s.id}:${s.status}`;

/**
 * Whether a status tells that the person stopped marketing messages (error 131050 on a failed send), whoever it
 * names (a number, a BSUID or both): the webhook dead-letters one that names no one.
 */
export const isMarketingStop = (s: WhatsAppStatus) => s.status === "failed" && (s.errors ?? []).some((e) => e.code === USER_STOPPED_MARKETING);

/**
 * A marketing template refused with 131050: WhatsApp tells us the person stopped this business's marketing, so
 * every marketing category is opted out in one append; the refused message's id is the evidence.
 */
export async function handleMarketingStopStatus(db: Db, channel: InboundChannel, status: WhatsAppStatus): Promise<void> {
  const recipient = statusIdentity(status);
  const base: InboundCommandBase = {
    workspaceId: channel.workspaceId,
    ...recipient,
    channel: "whatsapp",
    evidence: { messageId: status.id, kind: "message_status", payload: String(USER_STOPPED_MARKETING) },
    occurredAt: unixTime(status.timestamp),
    idempotencyKey: `whatsapp:${statusClaimId(status)}`,
    actor: { type: "system", name: "WhatsApp Cloud API" },
  };
  await recordOptOut(db, base, marketingKeys(channel), { context: channel.vocabulary.ledger });
}

/**
 * Preferences carry no id of their own: the person, the choice and its second make one. A BSUID goes in only as
 * its SHA-256, so the claim table holds no plain BSUID that erasure would have to find.
 */
export const preferenceClaimId = (p: WhatsAppUserPreference) =>
  `pref:${p.wa_id ?? (p.user_id ? `u${sha256Hex(p.user_id).slice(0, 40)}` : "?")}:${p.value}:${p.timestamp ?? "?"}`;

/**
 * The person used WhatsApp's own "stop / resume marketing messages" control. Stop opts out of every marketing
 * category; resume opts back in only to categories whose current opt-out came from such a stop (see
 * findReopenable), under the wording they last agreed to.
 */
export async function handleUserPreference(db: Db, channel: InboundChannel, preference: WhatsAppUserPreference): Promise<void> {
  if (preference.category !== "marketing_messages") return;
  const person = preferenceIdentity(preference);
  const base: InboundCommandBase = {
    workspaceId: channel.workspaceId,
    ...person,
    channel: "whatsapp",
    // The evidence is in the immutable chain: it names the choice and its second, not the person (the event's
    // digests do that), so erasure leaves no number or BSUID behind in it.
    evidence: {
      messageId: `pref:${preference.value}:${preference.timestamp ?? "?"}`,
      kind: "user_preference",
      text: preference.detail,
      payload: preference.value,
    },
    occurredAt: unixTime(preference.timestamp),
    idempotencyKey: `whatsapp:${preferenceClaimId(preference)}`,
  };
  if (preference.value === "stop") await recordOptOut(db, base, marketingKeys(channel), { context: channel.vocabulary.ledger });
  else if (preference.value === "resume") await recordResume(db, base, { channel: "whatsapp", kind: "user_preference" });
}

export const qualityClaimId = (value: QualityValue, time: number | undefined) =>
  `quality:${value.display_phone_number ?? "?"}:${value.event}:${value.current_limit ?? value.max_daily_conversations_per_business ?? ""}:${time ?? "?"}`;

export async function recordQualityUpdate(db: Db, channel: InboundChannel, value: QualityValue, time: number | undefined): Promise<void> {
  await db.insert(whatsappQualityUpdates).values({
    workspaceId: channel.workspaceId,
    event: value.event,
    // current_limit is being replaced by max_daily_conversations_per_business; keep whichever came.
    currentLimit: value.current_limit ?? value.max_daily_conversations_per_business ?? null,
    oldLimit: value.old_limit ?? null,
    displayPhoneNumber: value.display_phone_number ?? null,
    receivedAt: unixTime(time) ?? new Date(),
  });
}
