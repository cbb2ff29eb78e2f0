import { channelLabels } from "@/lib/contacts/labels";
import type { TimelineEvent } from "@/lib/contacts/timeline.queries";
import { actorText, evidenceRows } from "@/lib/contacts/evidence-format";

/**
 * One event's evidence. `filesHref` is where stored files (paper scans) download from, for members who may
 * read evidence; without it the digest is shown alone. An erased scan is said to be erased, never linked.
 */
export function EvidenceList({ event, filesHref }: { event: TimelineEvent; filesHref?: string }) {
  const scanDigest = event.channel === "paper" && "documentDigest" in event.evidence ? event.evidence.documentDigest : null;
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
      {scanDigest && event.scan?.erasedAt && (
        <div className="contents">
          <dt className="text-slate-500">Signed form</dt>
          <dd className="text-slate-800">
            The scan was erased with the personal data on {event.scan.erasedAt.toISOString().slice(0, 10)}; its SHA-256 above is kept.
          </dd>
        </div>
      )}
      {scanDigest && !event.scan?.erasedAt && filesHref && (
        <div className="contents">
          <dt className="text-slate-500">Signed form</dt>
          <dd>
            <a href={`${filesHref}/${scanDigest}`} className="font-medium text-brand-800 underline underline-offset-4" download>
              Download the scan
            </a>
          </dd>
        </div>
      )}
    </dl>
  );
}
