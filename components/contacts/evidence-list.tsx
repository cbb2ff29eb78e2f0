import { channelLabels } from "@/lib/contacts/labels";
import type { TimelineEvent } from "@/lib/data/contact-timeline";
import { staffViaLabels } from "@/lib/contacts/actions.validation";
import type { Actor, Evidence } from "@/lib/ledger/types";

function actorText(actor: Actor): string {
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

/** Channel detail as label/value pairs, whatever the channel recorded. */
function evidenceRows(evidence: Evidence): [string, string][] {
  const labels: Record<string, string> = {
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
  };
  return Object.entries(evidence).map(([key, value]) => [
    labels[key] ?? key,
    key === "via" ? (staffViaLabels[value as keyof typeof staffViaLabels] ?? String(value)) : String(value),
  ]);
}

export function EvidenceList({ event }: { event: TimelineEvent }) {
  const rows: [string, string | null][] = [
    ["Channel", channelLabels[event.channel]],
    ["Happened", event.occurredAt.toISOString()],
    ["Recorded", event.recordedAt.toISOString()],
    ["Language", event.language],
    ["Form", event.form ? `${event.form.name}, version ${event.form.version}` : null],
    ["Form version id", event.form?.versionId ?? null],
    ["Form wording SHA-256", event.form?.digest ?? null],
    ...evidenceRows(event.evidence),
    ["IP address", event.personal.ip],
    ["Browser", event.personal.userAgent],
    ["Name given", event.personal.name],
    ["Note", event.personal.note],
    ["By", actorText(event.actor)],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
      {rows
        .filter(([, value]) => value !== null && value !== "")
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-all text-slate-800">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
