import { actionLabels } from "@/lib/contacts/labels";
import type { TimelineEvent } from "@/lib/contacts/timeline.queries";
import { wordingHeading } from "@/lib/contacts/wording-delivery";
import { EmptyState } from "@/components/ui/empty-state";
import { EvidenceList } from "./evidence-list";
import { formatUtc } from "./contacts-table";

/** Events of one ledger command share their evidence; shown once, with each category's own wording and hash. */
function groupByCommand(events: TimelineEvent[]): TimelineEvent[][] {
  const groups: TimelineEvent[][] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && last[0]!.commandId === event.commandId) last.push(event);
    else groups.push([event]);
  }
  return groups;
}

// Entries made at the time differ from their recording by the write itself; a minute apart means "typed in later".
const enteredLater = (e: TimelineEvent) => e.recordedAt.getTime() - e.occurredAt.getTime() >= 60_000;

const tone = { opt_in: "bg-emerald-600", opt_out: "bg-red-600", confirm: "bg-sky-600" } as const;

export function Timeline({ events, filesHref }: { events: TimelineEvent[]; filesHref?: string }) {
  if (events.length === 0) return <EmptyState inline>No events recorded for this contact.</EmptyState>;
  const groups = groupByCommand(events).reverse();
  return (
    <ol className="space-y-4">
      {groups.map((group) => {
        const first = group[0]!;
        return (
          <li key={first.commandId} className="relative rounded-xl border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${tone[first.action]}`} />
              <h3 className="font-semibold text-slate-900">
                {actionLabels[first.action]}: {group.map((e) => e.categoryLabel).join(", ")}
              </h3>
              <span className="text-sm text-slate-500">{formatUtc(first.occurredAt)}</span>
              {enteredLater(first) && <span className="text-sm text-slate-500">entered {formatUtc(first.recordedAt)}</span>}
              {first.optInLevel === "confirmed" && <span className="rounded bg-sky-50 px-1.5 text-xs text-sky-800">confirmed</span>}
            </div>
            {group.some((e) => e.consentText) && <Wording group={group} />}
            <div className="mt-3">
              <EvidenceList event={first} filesHref={filesHref} />
            </div>
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-slate-600">
                Hashes ({group.length} {group.length === 1 ? "event" : "events"})
              </summary>
              <ul className="mt-2 space-y-1 font-mono text-xs text-slate-600">
                {group.map((e) => (
                  <li key={e.id} className="break-all">
                    #{e.seq} {e.categoryKey}: {e.hash}
                    {e.prevHash && <span className="block text-slate-400">follows {e.prevHash}</span>}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The wording of one command's events, under what is known of its delivery: "shown" (web, call, paper) keeps the
 * quotes alone; a keyword reply says whether it was sent, and when nothing was sent no wording is quoted at all.
 */
function Wording({ group }: { group: TimelineEvent[] }) {
  const withText = group.filter((e) => e.consentText);
  const { heading, showText } = wordingHeading(withText[0]!.delivery ?? { kind: "shown" });
  const shown = withText[0]!.delivery?.kind === "shown" || !withText[0]!.delivery;
  return (
    <div className="mt-3 space-y-2">
      {!shown && <p className={`text-sm ${showText ? "text-slate-600" : "font-medium text-amber-800"}`}>{heading}</p>}
      {showText &&
        withText.map((e) => (
          <blockquote key={e.id} className="border-l-4 border-brand-600 bg-brand-50 px-3 py-2 text-sm text-slate-800">
            <span className="sr-only">
              {shown ? "Wording shown" : "Wording"} for {e.categoryLabel}:{" "}
            </span>
            “{e.consentText}”
          </blockquote>
        ))}
    </div>
  );
}
