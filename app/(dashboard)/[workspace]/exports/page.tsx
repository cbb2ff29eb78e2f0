import type { Metadata } from "next";
import { ExportDownload } from "@/components/exports/export-download";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { channelLabels, actionLabels } from "@/lib/contacts/labels";
import { getDb } from "@/lib/server/app-database";
import { listAllCategories } from "@/lib/categories/queries";
import { listFormSummaries } from "@/lib/forms/queries";
import { countEvents } from "@/lib/exports/events";
import { toExportFilter } from "@/lib/exports/routes";
import { exportFilterSchema, exportParamsQuery } from "@/lib/exports/filters";
import { consentActions, eventChannels } from "@/lib/ledger/types";

export const metadata: Metadata = { title: "Exports" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const fieldClass = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";
const labelClass = "block text-sm font-medium text-slate-800";

export default async function ExportsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "exports:create", `/${slug}/exports`);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = exportFilterSchema.safeParse(raw);
  const db = await getDb();
  const [categories, forms] = await Promise.all([listAllCategories(db, actor.workspace.id), listFormSummaries(db, actor.workspace.id)]);
  const chosen = parsed.success ? parsed.data : exportFilterSchema.parse({});
  const total = parsed.success ? await countEvents(db, toExportFilter(actor.workspace.id, parsed.data)) : 0;
  // The format is chosen beside the download link (components/exports/export-download.tsx), not among the filters.
  const { format, ...filters } = chosen;
  const query = exportParamsQuery(filters);
  const select = (name: string, label: string, value: string | undefined, options: [string, string][], any: string) => (
    <div>
      <label htmlFor={`export-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`export-${name}`} name={name} defaultValue={value ?? ""} className={fieldClass}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Export consent events</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every event with its evidence and hashes, in ledger order, as CSV or JSON Lines. Exports are recorded in the audit log.
        </p>
      </div>
      {!parsed.success && (
        <Alert tone="error">Some filters were not valid: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.</Alert>
      )}
      <form method="get" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
        <div className="grid gap-4 sm:grid-cols-2">
          {select(
            "category",
            "Category",
            chosen.category,
            categories.map((c) => [c.key, c.label]),
            "All categories",
          )}
          {select(
            "action",
            "Change",
            chosen.action,
            consentActions.map((a) => [a, actionLabels[a]]),
            "All changes",
          )}
          {select(
            "channel",
            "Channel",
            chosen.channel,
            eventChannels.map((c) => [c, channelLabels[c]]),
            "All channels",
          )}
          {select(
            "form",
            "Form",
            chosen.form,
            forms.map((f) => [f.slug, f.name]),
            "All forms",
          )}
          <div>
            <label htmlFor="export-from" className={labelClass}>
              From (UTC)
            </label>
            <input id="export-from" type="date" name="from" defaultValue={chosen.from ?? ""} className={fieldClass} />
          </div>
          <div>
            <label htmlFor="export-to" className={labelClass}>
              To, inclusive (UTC)
            </label>
            <input id="export-to" type="date" name="to" defaultValue={chosen.to ?? ""} className={fieldClass} />
          </div>
        </div>
        <button type="submit" className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          Apply filters
        </button>
      </form>

      {parsed.success && (
        <section aria-labelledby="export-ready" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="export-ready" className="text-lg font-semibold">
            {total.toLocaleString("en")} {total === 1 ? "event matches" : "events match"}
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">The file streams as it is read, so even millions of events download without waiting.</p>
          {total > 0 ? (
            <ExportDownload path={`/${slug}/exports/download`} filters={query} initialFormat={format} total={total} />
          ) : (
            <EmptyState inline>Nothing to export with these filters. Widen the dates or clear a filter.</EmptyState>
          )}
        </section>
      )}
    </div>
  );
}
