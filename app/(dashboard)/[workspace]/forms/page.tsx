import type { Metadata } from "next";
import Link from "next/link";
import { formatUtc } from "@/components/contacts/contacts-table";
import { NewForm } from "@/components/forms/new-form";
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
          Every way people opt in: web pages, keywords, phone scripts and paper. Each publish freezes the exact wording as a version, so every consent points at the words the person saw.
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No forms yet.{canBuild ? " Create one below; the builder checks it against WhatsApp's opt-in policy before it can go live." : " A marketer or admin can create one."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Forms, with their channel, status and live version</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Form</th>
                <th scope="col" className="px-4 py-3">Channel</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Live version</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((f) => (
                <tr key={f.id}>
                  <td className="px-4 py-3">
                    <Link href={`/${slug}/forms/${f.id}`} className="font-medium text-brand-800 underline hover:no-underline">
                      {f.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">/f/{slug}/{f.slug}</div>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{formChannelLabels[f.channel].label}</td>
                  <td className="px-4 py-3">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusBadge[f.status]}`}>{f.status[0]!.toUpperCase() + f.status.slice(1)}</span>
                    {f.status !== "archived" && f.liveVersion && f.unpublishedChanges && <span className="ml-2 text-xs text-amber-900">unpublished changes</span>}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{f.liveVersion ? `v${f.liveVersion}, ${formatUtc(f.publishedAt!)}` : "none yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canBuild && (
        <section aria-labelledby="new-form-heading" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="new-form-heading" className="mb-3 text-lg font-semibold">New form</h2>
          <NewForm action={createFormServerAction} workspace={slug} />
        </section>
      )}
    </div>
  );
}
