import type { Metadata } from "next";
import { AuditExportForm } from "@/components/audit/audit-export-form";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { listAuditEntries } from "@/lib/audit/queries";
import { auditExportSchema } from "@/lib/audit/export";
import { fieldMessages } from "@/lib/validation/field-errors";
import { listAllCategories } from "@/lib/categories/queries";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<{ before?: string; from?: string; to?: string }> };

export default async function AuditPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "audit:read", `/${slug}/audit`);
  const query = await searchParams;
  const requested = Number(query.before);
  // A refused export comes back here with its dates (lib/audit/routes.ts): shown again, with what is wrong.
  const exportDates = { from: typeof query.from === "string" ? query.from : undefined, to: typeof query.to === "string" ? query.to : undefined };
  const checked = exportDates.from !== undefined || exportDates.to !== undefined ? auditExportSchema.safeParse(exportDates) : null;
  const exportErrors = checked && !checked.success ? fieldMessages(checked.error) : {};
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
      {Object.keys(exportErrors).length > 0 && <Alert tone="error">The audit log was not exported: check the dates below.</Alert>}
      {rows.length > 0 && <AuditExportForm path={`/${slug}/audit/export`} values={exportDates} errors={exportErrors} />}
      {rows.length === 0 ? (
        <EmptyState>Nothing recorded yet. Exports, erasures and member changes will appear here.</EmptyState>
      ) : (
        <AuditTable entries={rows} categories={categories} />
      )}
      <Pager path={`/${slug}/audit`} cursor="before" current={before} next={nextBefore} />
    </div>
  );
}
