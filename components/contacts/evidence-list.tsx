import { channelLabels } from "@/lib/contacts/labels";
import type { TimelineEvent } from "@/lib/data/contact-timeline";
import { actorText, evidenceRows } from "@/lib/contacts/evidence-format";

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
