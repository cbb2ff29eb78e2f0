import type { Metadata } from "next";
import { OptOutsTable } from "@/components/opt-outs/opt-outs-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { channelLabels } from "@/lib/contacts/labels";
import { getDb } from "@/lib/server/app-database";
import { listAllCategories } from "@/lib/categories/queries";
import { listFormSummaries } from "@/lib/forms/queries";
import { countOptOutsByCategory, findRecentOptOuts } from "@/lib/opt-outs/queries";
import { eventChannels, type EventChannel } from "@/lib/ledger/types";

export const metadata: Metadata = { title: "Opt-outs" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | undefined>> };

const fieldClass = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";

export default async function OptOutsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "optouts:read", `/${slug}/opt-outs`);
  const sp = await searchParams;
  const filter = {
    category: sp.category?.slice(0, 64) || undefined,
    channel: eventChannels.includes(sp.channel as EventChannel) ? (sp.channel as EventChannel) : undefined,
    form: sp.form?.slice(0, 64) || undefined,
    before: sp.before?.slice(0, 200) || undefined,
  };
  const db = await getDb();
  const [categories, forms, page, last30] = await Promise.all([
    listAllCategories(db, actor.workspace.id),
    listFormSummaries(db, actor.workspace.id),
    findRecentOptOuts(db, actor.workspace.id, filter),
    countOptOutsByCategory(db, actor.workspace.id, 30),
  ]);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Opt-outs</h1>
        <p className="mt-1 text-sm text-slate-600">Who stopped which messages, how they asked, and how quickly your systems were told.</p>
      </div>
      <section aria-label="Opt-outs in the last 30 days" className="flex flex-wrap gap-3">
        {last30.length === 0 ? (
          <EmptyState inline>No opt-outs in the last 30 days.</EmptyState>
        ) : (
          last30.map((c) => (
            <div key={c.key} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
              <p className="text-2xl font-semibold text-slate-900">{c.n.toLocaleString("en")}</p>
              <p className="text-xs text-slate-600">{c.label}, last 30 days</p>
            </div>
          ))
        )}
      </section>
      <form method="get" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-4 sm:items-end">
        <div>
          <label htmlFor="oo-category" className="text-sm font-medium">
            Category
          </label>
          <select id="oo-category" name="category" defaultValue={filter.category ?? ""} className={fieldClass}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="oo-channel" className="text-sm font-medium">
            Said stop through
          </label>
          <select id="oo-channel" name="channel" defaultValue={filter.channel ?? ""} className={fieldClass}>
            <option value="">All channels</option>
            {eventChannels.map((c) => (
              <option key={c} value={c}>
                {channelLabels[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="oo-form" className="text-sm font-medium">
            Signed up through
          </label>
          <select id="oo-form" name="form" defaultValue={filter.form ?? ""} className={fieldClass}>
            <option value="">All forms</option>
            {forms.map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Filter
        </button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState>No opt-outs match. People opt out by replying STOP, in the preference centre, through the API or by asking your staff.</EmptyState>
      ) : (
        <OptOutsTable slug={slug} rows={page.rows} />
      )}
      <Pager path={`/${slug}/opt-outs`} params={filter} cursor="before" current={filter.before} next={page.nextBefore} />
    </div>
  );
}
