import Link from "next/link";
import { formatUtc } from "@/components/contacts/contacts-table";
import { channelLabels, contactLabel } from "@/lib/contacts/labels";
import { DataTable } from "@/components/ui/data-table";
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
  if (notice.status === "pending")
    return <span className="text-amber-800">Sending{notice.attempts ? ` (attempt ${notice.attempts} failed, retrying)` : "…"}</span>;
  return (
    <span className="text-slate-500" title="Add a webhook endpoint for opt-outs in Settings, Webhooks">
      No endpoint takes opt-outs
    </span>
  );
}

export function OptOutsTable({ slug, rows }: { slug: string; rows: OptOutRow[] }) {
  return (
    <DataTable
      caption="Opt-outs, newest first, with when the business was told"
      columns={["When", "Phone", "Category", "How they asked", "Signed up through", "Business told"]}
    >
      {rows.map((r) => (
        <tr key={r.eventId}>
          <td className="whitespace-nowrap text-slate-600">{formatUtc(r.occurredAt)}</td>
          <td className="whitespace-nowrap font-mono">
            <Link prefetch={false} href={`/${slug}/contacts/${r.contactId}`} className="text-brand-800 underline-offset-4 hover:underline">
              {contactLabel(r)}
            </Link>
          </td>
          <td>{r.categoryLabel}</td>
          <td>{r.how}</td>
          <td className="text-slate-600">{r.formName ?? (r.signedUpThrough ? channelLabels[r.signedUpThrough] : "—")}</td>
          <td className="whitespace-nowrap">
            <NoticeCell row={r} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
