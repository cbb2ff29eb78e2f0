import { formatUtc } from "@/components/contacts/contacts-table";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { FormAction } from "@/components/ui/use-validated-action";
import type { DeliveryRow } from "@/lib/webhooks/queries";
import { topicLabel } from "@/lib/webhooks/topics";

function StatusCell({ d, paused }: { d: DeliveryRow; paused: boolean }) {
  if (d.status === "delivered") return <span className="font-medium text-emerald-800">Delivered{d.deliveredAt ? ` ${formatUtc(d.deliveredAt)}` : ""}</span>;
  if (d.status === "dead") return <span className="font-medium text-red-700">Failed; retries used up</span>;
  if (paused) return <span className="font-medium text-slate-600">Waiting: the endpoint is disabled</span>;
  if (d.attempts === 0) return <span className="font-medium text-amber-800">Sending…</span>;
  return <span className="font-medium text-amber-800">Retrying at {formatUtc(d.nextAttemptAt)}</span>;
}

/** One endpoint's deliveries, each with every attempt and, where it helps, a button to send it again. */
export function DeliveryLog({ workspace, rows, redeliver, paused }: { workspace: string; rows: DeliveryRow[]; redeliver: FormAction; paused: boolean }) {
  if (rows.length === 0) {
    return <EmptyState>Nothing sent yet. Events appear here as they happen; use Send test event to try the endpoint now.</EmptyState>;
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
      {rows.map((d) => (
        <li key={d.id} className="p-4">
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-semibold text-slate-900">{topicLabel(d.topic)}</span>
                <StatusCell d={d} paused={paused} />
              </p>
              <p className="text-slate-600">
                Queued {formatUtc(d.createdAt)} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                {d.lastError && d.status !== "delivered" && <> · last: {d.lastError}</>}
              </p>
              <p className="font-mono text-xs text-slate-500">webhook-id {d.outboxId}</p>
            </div>
            {d.status !== "pending" && (
              <div className="shrink-0">
                <ActionButton
                  action={redeliver}
                  fields={{ workspace, deliveryId: d.id }}
                  label={d.status === "dead" ? "Retry now" : "Send again"}
                  pendingLabel="Queuing…"
                />
              </div>
            )}
          </div>
          {d.log.length > 0 && (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-800 underline hover:no-underline">Attempts ({d.log.length})</summary>
              <DataTable framed={false} size="xs" className="mt-2" columns={["Started", "Answer", "Took", "Body or error"]}>
                {d.log.map((a) => (
                  <tr key={a.id} className="text-slate-700">
                    <td className="whitespace-nowrap">{formatUtc(a.startedAt)}</td>
                    <td>{a.statusCode ?? "none"}</td>
                    <td className="whitespace-nowrap">{a.durationMs} ms</td>
                    <td className="max-w-md truncate font-mono" title={a.error ?? a.responseExcerpt ?? ""}>
                      {a.error ?? a.responseExcerpt ?? ""}
                    </td>
                  </tr>
                ))}
              </DataTable>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
