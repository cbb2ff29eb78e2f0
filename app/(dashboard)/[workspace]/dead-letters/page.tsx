import type { Metadata } from "next";
import Link from "next/link";
import { DeadLetterList } from "@/components/dead-letters/dead-letter-list";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/server/app-database";
import { countOpenDeadLetters, deadLetterStatuses, listDeadLetters, type DeadLetterFilter, type DeadLetterStatus } from "@/lib/channels/dead-letters/queries";
import { retryDeadLetterAction } from "./actions";

export const metadata: Metadata = { title: "Dead letters" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | undefined>> };

const statusLabels: Record<DeadLetterStatus, string> = { open: "Not recorded", resolved: "Resolved" };

export default async function DeadLettersPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "deadletters:read", `/${slug}/dead-letters`);
  const sp = await searchParams;
  const filter: DeadLetterFilter = {
    status: deadLetterStatuses.includes(sp.status as DeadLetterStatus) ? (sp.status as DeadLetterStatus) : undefined,
    before: sp.before?.slice(0, 200) || undefined,
  };
  const db = await getDb();
  // The raw items are the people's own messages: opened only for roles that record consent by hand.
  const withContent = can(actor.role, "deadletters:content");
  const [page, open] = await Promise.all([listDeadLetters(db, actor.workspace.id, filter, { withContent }), countOpenDeadLetters(db, actor.workspace.id)]);
  const here = `/${slug}/dead-letters`;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Dead letters</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          WhatsApp and SMS notifications that arrived signed but could not be read or recorded. Nothing here is in the ledger yet; once the cause is fixed,
          Retry records it (an item already recorded is never recorded twice). {open === 0 ? "Nothing is waiting." : `${open.toLocaleString("en")} waiting.`}
        </p>
        {!withContent && <p className="mt-1 text-sm text-slate-600">Your role sees why each one failed, not what it said.</p>}
      </div>
      <nav aria-label="Filter dead letters" className="flex flex-wrap gap-1 text-sm">
        {([["", "All"], ...Object.entries(statusLabels)] as [string, string][]).map(([value, label]) => (
          <Link
            key={value}
            href={value ? `${here}?status=${value}` : here}
            aria-current={(filter.status ?? "") === value ? "page" : undefined}
            className="rounded-full border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
          >
            {label}
          </Link>
        ))}
      </nav>
      {page.rows.length === 0 ? (
        <EmptyState>{filter.status ? "None match." : "Every inbound notification so far was read and recorded."}</EmptyState>
      ) : (
        <DeadLetterList workspace={slug} rows={page.rows} retry={retryDeadLetterAction} canRetry={can(actor.role, "deadletters:retry")} />
      )}
      <Pager path={here} params={filter} cursor="before" current={filter.before} next={page.nextBefore} />
    </div>
  );
}
