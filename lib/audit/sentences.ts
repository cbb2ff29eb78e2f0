import { apiKeyScopeLabels } from "../api-keys/api-keys.validation";
import { roleLabels, type Role } from "../auth/roles";
import type { AuditAction } from "../handlers/audit-actions";
import { ratingLabels, type RatingLevel } from "../quality/quality.validation";
import { profileFieldLabels } from "../workspace/profile.validation";

/** What a sentence is made from: the row's detail, and its subject named in words by the query (null: gone). */
export type AuditFacts = {
  detail: Record<string, unknown>;
  subject: string | null;
  /** The workspace's category labels by key, for details that list keys (a paper form's categories). */
  categoryLabel?: (key: string) => string;
};
type Sentence = (facts: AuditFacts) => string;

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const quoted = (v: unknown, otherwise: string) => (text(v) ? `“${text(v)}”` : otherwise);
const count = (n: unknown, one: string, many = `${one}s`) => `${Number(n ?? 0).toLocaleString("en")} ${Number(n) === 1 ? one : many}`;
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const role = (r: unknown) => roleLabels[r as Role] ?? text(r);
/** A yes/no setting's value, in words. */
export const onOff = (v: unknown) => (v === true ? "on" : v === false ? "off" : text(v) || "(none)");
const value = (v: unknown) => (typeof v === "boolean" ? onOff(v) : v === null || v === undefined || v === "" ? "(none)" : String(v));

/** " from 2026-01-01 to 2026-01-31", " from 2026-01-01 on", " up to 2026-01-31", or nothing for all of it. */
const dayRange = (from: unknown, to: unknown) =>
  text(from) && text(to) ? ` from ${text(from)} to ${text(to)}` : text(from) ? ` from ${text(from)} on` : text(to) ? ` up to ${text(to)}` : "";

// The subject's name as the query found it, else what the row itself kept, else a plain noun.
const form = ({ subject }: AuditFacts) => (subject ? `the form “${subject}”` : "a form");
const contact = ({ subject }: AuditFacts) => subject ?? "an erased contact";
const category = ({ subject, detail }: AuditFacts) => `the category ${quoted(subject ?? detail.label ?? detail.key, "(no longer listed)")}`;
const apiKey = ({ subject, detail }: AuditFacts) =>
  `the API key ${quoted(subject ?? detail.name, "(removed)")}${detail.prefix ? ` (${text(detail.prefix)}…)` : ""}`;
const endpoint = ({ subject, detail }: AuditFacts) => `the webhook endpoint ${subject || text(detail.url) || "(removed)"}`;
const person = ({ subject, detail }: AuditFacts) => text(detail.email) || subject || "a former member";
const importFile = ({ subject, detail }: AuditFacts) => `the import file ${quoted(subject ?? detail.fileName, "(erased)")}`;

const categoryFieldLabels: Record<string, string> = { label: "label", description: "description", example: "example message", frequency: "how often" };
const thresholdLabels: Record<string, string> = { optOutJumpPoints: "opt-out jump", minOptIns: "minimum opt-ins", ratingAlertLevel: "rating alert level" };

/** "business name: Acme → Acme Coffee; double opt-in: off → on", from a detail of { field: { before, after } }. */
function changes(detail: Record<string, unknown>, labels: Record<string, string>): string {
  return Object.entries(detail)
    .filter(([, v]) => v && typeof v === "object" && "after" in (v as object))
    .map(([k, v]) => {
      const { before, after } = v as { before: unknown; after: unknown };
      return `${labels[k] ?? k}: ${value(before)} → ${value(after)}`;
    })
    .join("; ");
}

/**
 * Each audit code as a sentence about what happened, naming its subject. A record for every code in
 * lib/handlers/audit-actions.ts: the type makes a missing one a compile error and sentences.test.ts a failing test.
 */
export const auditSentences: Record<AuditAction, Sentence> = {
  "api-key.create": (f) =>
    `Created ${apiKey(f)}, allowed to: ${list(((f.detail.scopes as string[] | undefined) ?? []).map((s) => apiKeyScopeLabels[s as keyof typeof apiKeyScopeLabels]?.toLowerCase() ?? s))}`,
  "api-key.limit": (f) =>
    `Changed the limit of ${apiKey(f)} from ${text(f.detail.from) || "the default"} to ${text(f.detail.to) || "the default"} requests a minute`,
  "api-key.revoke": (f) => `Revoked ${apiKey(f)}`,
  "audit.export": (f) => `Exported the audit log${dayRange(f.detail.from, f.detail.to)} as CSV${f.detail.out ? " (from the command line)" : ""}`,
  "category.create": (f) => `Added the message category ${quoted(f.subject ?? f.detail.label, "(no longer listed)")}`,
  "category.retire": (f) => `Retired ${category(f)}: no new opt-ins to it`,
  "category.unretire": (f) => `Brought back ${category(f)}`,
  "category.update": (f) => `Changed the wording of ${category(f)}: ${changes(f.detail, categoryFieldLabels) || "no field"}`,
  "channels.keywords.update": (f) =>
    `Changed the opt-out words: ${
      Object.entries((f.detail.keywords as Record<string, string[]> | undefined) ?? {})
        .map(([lang, words]) => `${lang} ${words.join(", ")}`)
        .join("; ") || "none"
    }`,
  "channels.sms.update": () => "Changed the Twilio (SMS) auth token",
  "channels.whatsapp.update": (f) =>
    `Changed the WhatsApp settings${f.detail.phoneNumberId ? ` (phone number id ${text(f.detail.phoneNumberId)})` : ""}${
      f.detail.appSecretChanged || f.detail.accessTokenChanged
        ? `, with a new ${list([f.detail.appSecretChanged ? "app secret" : "", f.detail.accessTokenChanged ? "access token" : ""].filter(Boolean))}`
        : ""
    }`,
  "channels.whatsapp.verify-token": () => "Made a new WhatsApp webhook verify token",
  "contact.certificate": (f) =>
    `Downloaded the consent certificate of ${contact(f)} (${count(f.detail.events, "event")}, chain ${f.detail.verified ? "verified" : "NOT verified"})`,
  "contact.consent-record": (f) => `Downloaded the ISO/IEC TS 27560 consent record of ${contact(f)}`,
  "contact.erase": (f) =>
    `Erased the personal data of ${contact(f)}: ${count(f.detail.eventsErased, "event")}${f.detail.reason ? `, because “${text(f.detail.reason)}”` : ""}`,
  "contact.paper_form": (f) =>
    `Recorded a signed paper form for ${contact(f)}${Array.isArray(f.detail.categories) ? `: ${list(f.detail.categories.map((k) => f.categoryLabel?.(text(k)) ?? text(k)))}` : ""}${f.detail.replayed ? " (already recorded, nothing new)" : ""}`,
  "events.export": (f) =>
    `Exported ${count(f.detail.rows, "consent event")}${f.detail.format ? ` as ${text(f.detail.format).toUpperCase()}` : ""}${f.detail.via === "api" ? " through the API" : ""}`,
  "form.archive": (f) => `Archived ${form(f)}: its page stops taking opt-ins`,
  "form.create": (f) => `Created ${form(f)}${f.detail.slug ? ` at /${text(f.detail.slug)}` : ""}`,
  "form.publish": (f) => `Published version ${text(f.detail.version)} of ${form(f)}`,
  "form.restore": (f) => `Restored ${form(f)}`,
  "import.preview": (f) => `Uploaded ${importFile(f)}: ${count(f.detail.rows, "row")}, ${count(f.detail.bad, "with a problem", "with problems")}`,
  "import.resume": (f) => `Resumed ${importFile(f)} from row ${text(f.detail.fromRow)}`,
  "import.start": (f) => `Started importing ${importFile(f)}: ${count(f.detail.goodRows, "good row")}`,
  "inbound.dead_letter.retry": (f) =>
    `Ran an unrecorded inbound message again: ${f.detail.outcome === "still_failing" ? `still failing (${text(f.detail.reasonCode)})` : text(f.detail.outcome).replace(/_/g, " ")}`,
  "ledger.export": (f) => `Exported the ledger as a proof for an outside verifier${f.detail.via === "cli" || f.detail.out ? " (from the command line)" : ""}`,
  "ledger.verify": (f) =>
    f.detail.ok
      ? `Verified the ledger: ${count(f.detail.events, "event")} of ${count(f.detail.contacts, "contact")} intact`
      : `Verified the ledger and found a problem${f.detail.firstProblem ? `: ${text(f.detail.firstProblem)}` : ""}`,
  "member.invite": (f) =>
    `Invited ${person(f)} as ${role(f.detail.role)}${f.detail.delivery && f.detail.delivery !== "sent" ? " (the email was not sent)" : ""}`,
  "member.join": (f) => `Joined as ${role(f.detail.role)} by invitation${f.detail.via ? ` (${text(f.detail.via)})` : ""}`,
  "member.remove": (f) => `Removed ${person(f)} (${role(f.detail.role)})`,
  "member.role": (f) => `Changed the role of ${person(f)} from ${role(f.detail.from)} to ${role(f.detail.to)}`,
  "password.reset": (f) => `Set a new password for ${person(f)} with a reset link${f.detail.linkMadeBy ? ` made by ${text(f.detail.linkMadeBy)}` : ""}`,
  "password.reset-link": (f) =>
    `Made a password reset link for ${person(f)}${f.detail.delivery === "cli" ? ", on the command line" : f.detail.delivery === "sent" ? ", sent by email" : ""}`,
  "quality.alert.acknowledge": (f) => `Acknowledged the quality alert ${quoted(f.subject ?? f.detail.title, "(gone)")}`,
  "quality.rating": (f) =>
    `Recorded the WhatsApp quality rating ${ratingLabels[f.detail.rating as RatingLevel] ?? text(f.detail.rating)}${f.detail.observedOn ? ` seen on ${text(f.detail.observedOn)}` : ""}`,
  "quality.thresholds": (f) =>
    `Changed the quality alert thresholds: ${Object.entries(f.detail)
      .map(([k, v]) => `${thresholdLabels[k] ?? k} ${value(v)}`)
      .join(", ")}`,
  "settings.profile": (f) => `Changed the business profile: ${changes(f.detail, profileFieldLabels) || "no field"}`,
  "webhook.create": (f) => `Added ${endpoint(f)}`,
  "webhook.disable": (f) => `Paused ${endpoint(f)}`,
  "webhook.enable": (f) => `Resumed ${endpoint(f)}`,
  "webhook.redeliver": (f) => `Sent a ${text(f.detail.topic) || "webhook"} delivery again${f.subject ? ` to ${f.subject}` : ""}`,
  "webhook.remove": (f) => `Removed ${endpoint({ ...f, subject: null })}`,
  "webhook.rotate-secret": (f) => `Made a new signing secret for ${endpoint(f)}`,
  "webhook.test": (f) => `Sent a test event to ${endpoint(f)}`,
  "webhook.update": (f) => `Changed ${endpoint(f)}`,
  "workspace.create": (f) =>
    `Created this workspace, ${quoted(f.detail.businessName, "")}${f.detail.fromWorkspace ? `, from the workspace ${text(f.detail.fromWorkspace)}` : ""}`,
};

/** A row's stored detail as the sentences read it: an object, or an empty one for anything else. */
export const detailOf = (detail: unknown): Record<string, unknown> => (detail && typeof detail === "object" ? (detail as Record<string, unknown>) : {});

/** The sentence for an audit row; a code this version does not know (a newer one's row) is named as it is. */
export function auditSentence(action: string, facts: AuditFacts): string {
  const sentence = auditSentences[action as AuditAction];
  return sentence ? sentence(facts) : `Recorded “${action}”`;
}
