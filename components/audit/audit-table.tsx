import { formatUtc } from "@/components/contacts/contacts-table";
import { auditSentence, detailOf } from "@/lib/audit/sentences";

type Entry = {
  id: number;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  ip: string | null;
  requestId: string | null;
  subject: string | null;
};

/**
 * The audit log as a list: each entry says in a sentence what happened and to what, with who and when beside it.
 * Under it, small, the row as stored (code, subject id, request id and the detail) for support and for matching an
 * export line. A list rather than a table, so a phone shows the whole sentence without scrolling sideways.
 */
export function AuditTable({ entries, categories }: { entries: Entry[]; categories: { key: string; label: string }[] }) {
  const categoryLabel = (key: string) => categories.find((c) => c.key === key)?.label ?? key;
  return (
    <ol aria-label="Staff actions, newest first" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
      {entries.map((e) => {
        const detail = detailOf(e.detail);
        return (
          <li key={e.id} className="grid gap-x-6 gap-y-1 px-4 py-3 text-sm sm:grid-cols-[13rem_minmax(0,1fr)]">
            <div className="text-slate-600">
              <time dateTime={e.createdAt.toISOString()} className="block">
                {formatUtc(e.createdAt)}
              </time>
              <span className="block break-all text-slate-800">{e.actorLabel}</span>
              {e.ip && <span className="block text-xs text-slate-500">{e.ip}</span>}
            </div>
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{auditSentence(e.action, { detail, subject: e.subject, categoryLabel })}</p>
              <details className="mt-0.5 text-xs text-slate-500">
                <summary className="cursor-pointer break-all font-mono">
                  {e.action}
                  {e.targetType && ` · ${e.targetType}`}
                </summary>
                <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 font-mono">
                  {e.targetId && (
                    <>
                      <dt>target</dt>
                      <dd className="break-all">{e.targetId}</dd>
                    </>
                  )}
                  {e.requestId && (
                    <>
                      <dt>request</dt>
                      <dd className="break-all">{e.requestId}</dd>
                    </>
                  )}
                  <dt>detail</dt>
                  <dd className="whitespace-pre-wrap break-all">{JSON.stringify(detail)}</dd>
                </dl>
              </details>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
