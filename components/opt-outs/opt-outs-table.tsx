import Link from "next/link";
import { formatUtc } from "@/components/contacts/contacts-table";
import { channelLabels, contactLabel } from "@/lib/contacts/labels";
import type { OptOutRow } from "@/lib/opt-outs/queries";

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function NoticeCell({ row }: { row: OptOutRow }) {
  const { notice } = row;
  if (notice.status === "delivered" && notice.deliveredAt) {
    return <span className="text-emerald-800">Told in {duration(notice.deliveredAt.getTime() - row.recordedAt.getTime())}</span>;
  }
  if (notice.status === "dead") return <span className="text-red-700">Not told: delivery failed after {notice.attempts} attempts</span>;
  if (notice.status === "pending") return <span className="text-amber-800">Sending{notice.attempts ? ` (attempt ${notice.attempts} failed, retrying)` : "…"}</span>;
  return <span className="text-slate-500" title="Add a webhook endpoint for opt-outs in Settings, Webhooks">No endpoint takes opt-outs</span>;
}

export function OptOutsTable({ slug, rows }: { slug: string; rows: OptOutRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Opt-outs, newest first, with when the business was told</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Phone</th>
            <th scope="col" className="px-4 py-3">Category</th>
            <th scope="col" className="px-4 py-3">Channel</th>
            <th scope="col" className="px-4 py-3">Form</th>
            <th scope="col" className="px-4 py-3">Business told</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.eventId}>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatUtc(r.occurredAt)}</td>
              <td className="whitespace-nowrap px-4 py-3 font-mono">
                <Link prefetch={false} href={`/${slug}/contacts/${r.contactId}`} className="text-brand-800 underline-offset-4 hover:underline">
                  {contactLabel(r)}
                </Link>
              </td>
              <td className="px-4 py-3">{r.categoryLabel}</td>
              <td className="px-4 py-3">{channelLabels[r.channel]}</td>
              <td className="px-4 py-3 text-slate-600">{r.formName ?? "—"}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <NoticeCell row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
