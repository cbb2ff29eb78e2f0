import type { Metadata } from "next";
import { AuditExportForm } from "@/components/audit/audit-export-form";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { listAuditEntries } from "@/lib/audit/queries";
import { listAllCategories } from "@/lib/categories/queries";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<{ before?: string }> };

export default async function AuditPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "audit:read", `/${slug}/audit`);
  const requested = Number((await searchParams).before);
  // Only a real row id (a made-up one such as 1e400 would reach PostgreSQL as "Infinity" and be a 500).
  const before = Number.isSafeInteger(requested) && requested > 0 ? requested : undefined;
  const db = await getDb();
  const [{ rows, nextBefore }, categories] = await Promise.all([listAuditEntries(db, actor.workspace.id, before), listAllCategories(db, actor.workspace.id)]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          What staff did with personal data, settings and access, in words; each entry's code and stored detail open under it. Entries cannot be edited.
        </p>
      </div>
      {rows.length > 0 && <AuditExportForm path={`/${slug}/audit/export`} />}
      {rows.length === 0 ? (
        <EmptyState>Nothing recorded yet. Exports, erasures and member changes will appear here.</EmptyState>
      ) : (
        <AuditTable entries={rows} categories={categories} />
      )}
      <Pager path={`/${slug}/audit`} cursor="before" current={before} next={nextBefore} />
    </div>
  );
}
