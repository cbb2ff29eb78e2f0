import type { Metadata } from "next";
import Link from "next/link";
import { formatUtc } from "@/components/contacts/contacts-table";
import { NewForm } from "@/components/forms/new-form";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/server/app-database";
import { listForms } from "@/lib/forms/builder.queries";
import { formChannelLabels } from "@/lib/forms/channels";
import { createFormServerAction } from "./actions";

export const metadata: Metadata = { title: "Forms" };

const statusBadge = {
  published: "bg-emerald-50 text-emerald-800",
  draft: "bg-amber-50 text-amber-900",
  archived: "bg-slate-200 text-slate-700",
} as const;

export default async function FormsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "forms:read", `/${slug}/forms`);
  const rows = await listForms(await getDb(), actor.workspace.id);
  const canBuild = can(actor.role, "forms:manage");
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Forms</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every way people opt in: web pages, keywords, phone scripts and paper. Each publish freezes the exact wording as a version, so every consent points at
          the words the person saw.
        </p>
      </div>
      {rows.length === 0 ? (
        <EmptyState>
          No forms yet.
          {canBuild
            ? " Create one below; the builder checks it against WhatsApp's opt-in policy before it can go live."
            : " A marketer or admin can create one."}
        </EmptyState>
      ) : (
        <DataTable caption="Forms, with their channel, status and live version" columns={["Form", "Channel", "Status", "Live version"]}>
          {rows.map((f) => (
            <tr key={f.id}>
              <td>
                <Link href={`/${slug}/forms/${f.id}`} className="font-medium text-brand-800 underline hover:no-underline">
                  {f.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">
                  /f/{slug}/{f.slug}
                </div>
              </td>
              <td className="text-slate-700">{formChannelLabels[f.channel].label}</td>
              <td>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusBadge[f.status]}`}>
                  {f.status[0]!.toUpperCase() + f.status.slice(1)}
                </span>
                {f.status !== "archived" && f.liveVersion && f.unpublishedChanges && <span className="ml-2 text-xs text-amber-900">unpublished changes</span>}
              </td>
              <td className="text-slate-700">{f.liveVersion ? `v${f.liveVersion}, ${formatUtc(f.publishedAt!)}` : "none yet"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canBuild && (
        <section aria-labelledby="new-form-heading" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="new-form-heading" className="mb-3 text-lg font-semibold">
            New form
          </h2>
          <NewForm action={createFormServerAction} workspace={slug} />
        </section>
      )}
    </div>
  );
}
