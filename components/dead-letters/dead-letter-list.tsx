import { formatUtc } from "@/components/contacts/contacts-table";
import type { FormAction } from "@/components/ui/use-validated-action";
import { ActionButton } from "@/components/ui/action-button";
import type { DeadLetterRow } from "@/lib/channels/dead-letters/queries";

const channelNames = { whatsapp: "WhatsApp", sms: "SMS" } as const;
const kindNames: Record<string, string> = {
  message: "Message",
  status: "Message status",
  user_preference: "Marketing preference",
  quality: "Quality notice",
  change: "Part of a notification",
  entry: "Part of a notification",
  notification: "Whole notification",
  sms: "Text message",
};

function Status({ row }: { row: DeadLetterRow }) {
  if (row.resolvedAt) return <span className="font-medium text-emerald-800">Resolved {formatUtc(row.resolvedAt)}</span>;
  return <span className="font-medium text-red-700">Not recorded</span>;
}

/**
 * Inbound items that were not recorded, each with why and, for roles that may, what it said and a Retry. Retry
 * runs it through the same code as the webhook; an item already recorded is not recorded twice.
 */
export function DeadLetterList({ workspace, rows, retry, canRetry }: { workspace: string; rows: DeadLetterRow[]; retry: FormAction; canRetry: boolean }) {
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
      {rows.map((d) => (
        <li key={d.id} className="p-4">
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-semibold text-slate-900">
                  {channelNames[d.channel]} · {kindNames[d.kind] ?? d.kind}
                </span>
                <Status row={d} />
              </p>
              <p className="break-words text-slate-700">{d.reason}</p>
              <p className="text-slate-600">
                Received {formatUtc(d.receivedAt)} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                {d.retriedAt && <> · last retried {formatUtc(d.retriedAt)}</>}
              </p>
            </div>
            {canRetry && !d.resolvedAt && d.content !== null && (
              <div className="shrink-0">
                <ActionButton action={retry} fields={{ workspace, deadLetterId: d.id }} label="Retry" pendingLabel="Retrying…" />
              </div>
            )}
          </div>
          {d.erasedAt ? (
            <p className="mt-2 text-sm text-slate-500">Its content was erased with the person&apos;s data on {formatUtc(d.erasedAt)}.</p>
          ) : (
            d.content !== null && (
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-brand-800 underline hover:no-underline">What arrived</summary>
                <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800">
                  {d.content}
                </pre>
              </details>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
