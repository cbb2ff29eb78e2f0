import Link from "next/link";
import { formatUtc } from "@/components/contacts/contacts-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { WebhookEndpointRow } from "@/lib/webhooks/queries";
import { topicLabel } from "@/lib/webhooks/topics";

/** The workspace's endpoints at a glance: where, what, and whether anything is failing. */
export function EndpointList({ slug, endpoints }: { slug: string; endpoints: WebhookEndpointRow[] }) {
  if (endpoints.length === 0) {
    return (
      <EmptyState>
        No endpoints yet. Add one below so your sending systems hear about each opt-out within seconds, instead of finding out at the next consent check.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
      {endpoints.map((e) => (
        <li key={e.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 space-y-1.5">
            <p className="flex flex-wrap items-center gap-2">
              <Link
                href={`/${slug}/settings/webhooks/${e.id}`}
                className="break-all font-mono text-sm font-semibold text-brand-800 underline hover:no-underline"
              >
                {e.url}
              </Link>
              {e.status === "active" ? (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
              ) : (
                <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Disabled</span>
              )}
            </p>
            {e.description && <p className="text-sm text-slate-700">{e.description}</p>}
            <p className="text-sm text-slate-600">
              Sends {e.topics.map(topicLabel).join(", ").toLowerCase()} · added {formatUtc(e.createdAt)}
            </p>
          </div>
          <dl className="flex shrink-0 gap-4 text-sm">
            <div>
              <dt className="text-slate-500">Delivered, 24 h</dt>
              <dd className="font-semibold text-slate-900">{e.delivered24h.toLocaleString("en")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Retrying</dt>
              <dd className={`font-semibold ${e.retrying ? "text-amber-800" : "text-slate-900"}`}>{e.retrying.toLocaleString("en")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Failed</dt>
              <dd className={`font-semibold ${e.dead ? "text-red-700" : "text-slate-900"}`}>{e.dead.toLocaleString("en")}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
