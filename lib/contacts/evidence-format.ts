import type { Actor, Evidence } from "../ledger/types";
import { staffViaLabels } from "./actions.validation";

/** Who acted on an event, in words. Shared by the contact page and the consent certificate. */
export function actorText(actor: Actor): string {
  switch (actor.type) {
    case "person":
      return "The person themselves";
    case "staff":
      return `Staff: ${actor.email ?? actor.userId}`;
    case "api_key":
      return `API key ${actor.name ?? actor.id}`;
    case "system":
      return `System: ${actor.name}`;
  }
}

const evidenceLabels: Record<string, string> = {
  pageUrl: "Page",
  messageId: "Message id",
  keyword: "Keyword",
  provider: "Provider",
  kind: "Kind",
  text: "Message text",
  payload: "Button payload",
  callId: "Call id",
  dtmfKey: "Key pressed",
  recordingUrl: "Recording",
  recordingDigest: "Recording SHA-256",
  documentDigest: "Scan SHA-256",
  signedOn: "Signed on",
  documentUrl: "Scan",
  source: "Source",
  row: "Row",
  originalMethod: "Original method",
  via: "Asked by",
  reference: "Reference",
  system: "System",
  optOutType: "Twilio opt-out type",
  reply: "Reply",
  wordingSha256: "Wording chosen (SHA-256)",
  askedIn: "In answer to the question sent for",
};

/** What evidence.reply says, in words. */
const replyLabels: Record<string, string> = {
  none: "none sent (the channel could not reply)",
  twiml: "returned to Twilio in its answer",
  after_commit: "sent through the Cloud API after the opt-in was recorded",
  answered: "answered: the person chose this kind of message in the reply that asked which",
};

/** Channel detail as label/value pairs, whatever the channel recorded. */
export function evidenceRows(evidence: Evidence): [string, string][] {
  return Object.entries(evidence).map(([key, value]) => [
    evidenceLabels[key] ?? key,
    key === "via"
      ? (staffViaLabels[value as keyof typeof staffViaLabels] ?? String(value))
      : key === "reply"
        ? (replyLabels[String(value)] ?? String(value))
        : String(value),
  ]);
}
