import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { listAuditEntries } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<{ before?: string }> };

export default async function AuditPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "audit:read", `/${slug}/audit`);
  const requested = Number((await searchParams).before);
  // Only a real row id (a made-up one such as 1e400 would reach PostgreSQL as "Infinity" and be a 500).
  const before = Number.isSafeInteger(requested) && requested > 0 ? requested : undefined;
  const { rows, nextBefore } = await listAuditEntries(await getDb(), actor.workspace.id, before);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">What staff did with personal data and access: erasures, exports, certificates, members. Entries cannot be edited.</p>
      </div>
      {rows.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
          Nothing recorded yet. Exports, erasures and member changes will appear here.
        </div>
      ) : (
        <AuditTable entries={rows} />
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {before ? <Link href={`/${slug}/audit`} className="text-brand-800 hover:underline">← Newest</Link> : <span />}
        {nextBefore && (
          <Link href={`/${slug}/audit?before=${nextBefore}`} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
            Older →
          </Link>
        )}
      </nav>
    </div>
  );
}
