import type { Metadata } from "next";
import Link from "next/link";
import { formatUtc } from "@/components/contacts/contacts-table";
import { ImportUploadForm } from "@/components/imports/upload-form";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { importColumns } from "@/lib/imports/columns";
import { listImportJobs } from "@/lib/imports/jobs";
import { importStatusLabel } from "@/lib/imports/labels";

export const metadata: Metadata = { title: "Import opt-ins" };

type Props = { params: Promise<{ workspace: string }> };

export default async function ImportPage({ params }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "contacts:record", `/${slug}/contacts/import`);
  const jobs = await listImportJobs(await getDb(), actor.workspace.id);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${slug}/contacts`} className="text-brand-800 underline-offset-4 hover:underline">
          ← Contacts
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Import opt-ins from a CSV file</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          For opt-ins gathered elsewhere (another system, sign-up sheets). Every row is checked first and you see each problem by row and column; only then are
          the good rows written, each as an opt-in on the import channel with its evidence. Importing the same rows again writes nothing new.
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="columns-heading" className="min-w-0 rounded-xl border border-slate-200 bg-white p-4">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="columns-heading" className="text-lg font-semibold">
              Columns
            </h2>
            <a href={`/${slug}/contacts/import/template`} className={buttonClass("secondary")} download>
              Download the template
            </a>
          </div>
          <DataTable framed={false} alignTop columns={["Column", "Required", "Meaning"]}>
            {importColumns.map((c) => (
              <tr key={c.name}>
                <td className="font-mono text-slate-900">{c.name}</td>
                <td>{c.required ? "yes" : "no"}</td>
                <td className="min-w-48 text-slate-700">{c.meaning}</td>
              </tr>
            ))}
          </DataTable>
        </section>

        <section aria-labelledby="upload-heading" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="upload-heading" className="mb-3 text-lg font-semibold">
            Upload
          </h2>
          <ImportUploadForm workspace={slug} />
        </section>
      </div>

      {jobs.length > 0 && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="mb-2 text-lg font-semibold">
            Recent imports
          </h2>
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {jobs.map((job) => (
              <li key={job.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <Link href={`/${slug}/contacts/import/${job.id}`} className="font-medium text-brand-800 underline-offset-4 hover:underline">
                  {job.fileName || "File erased with a person’s data"}
                </Link>
                <span className="text-slate-600">
                  {importStatusLabel(job)} · {job.totalRows.toLocaleString("en")} rows, {job.badRows.toLocaleString("en")} with problems ·{" "}
                  {formatUtc(job.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
