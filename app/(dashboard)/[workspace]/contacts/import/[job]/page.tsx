import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportJobPoller } from "@/components/imports/job-poller";
import { StartImportButton } from "@/components/imports/start-import-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { findImportJob, listRowErrors } from "@/lib/imports/jobs";
import { importStatusLabel } from "@/lib/imports/labels";
import { startImportAction } from "../actions";

export const metadata: Metadata = { title: "Import" };

type Props = { params: Promise<{ workspace: string; job: string }> };

const SHOWN_PROBLEMS = 200;

export default async function ImportJobPage({ params }: Props) {
  const { workspace: slug, job: jobId } = await params;
  const actor = await requireWorkspacePage(slug, "contacts:record", `/${slug}/contacts/import/${jobId}`);
  const db = await getDb();
  const job = await findImportJob(db, actor.workspace.id, jobId);
  if (!job) notFound();
  const problems = await listRowErrors(db, job.id, SHOWN_PROBLEMS);
  const status = importStatusLabel(job);
  const stopped = status.startsWith("Stopped");
  const running = job.status === "running" && !stopped;
  const percent = job.totalRows === 0 ? 100 : Math.floor((job.processedRows / job.totalRows) * 100);
  const n = (value: number) => value.toLocaleString("en");

  return (
    <div className="space-y-6">
      <ImportJobPoller running={running} />
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${slug}/contacts/import`} className="text-brand-800 underline-offset-4 hover:underline">
          ← Imports
        </Link>
      </nav>
      <div>
        <h1 className="break-all text-2xl font-semibold text-slate-900">{job.fileName || "File erased with a person’s data"}</h1>
        <p className="mt-1 break-all text-sm text-slate-600">
          {status} · file SHA-256 <span className="font-mono">{job.fileSha256}</span>
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Rows", job.totalRows],
          ["Good rows", job.goodRows],
          ["Rows with problems", job.badRows],
          ["Written", job.writtenRows],
        ].map(([label, value]) => (
          <div key={label as string} className="rounded-xl border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="text-2xl font-semibold text-slate-900">{n(value as number)}</dd>
          </div>
        ))}
      </dl>

      {job.status === "previewed" && (
        <section aria-labelledby="confirm-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="confirm-heading" className="text-lg font-semibold">
            Nothing has been written yet
          </h2>
          <p className="text-sm text-slate-600">
            {job.goodRows === 0
              ? "No row can be imported. Fix the problems below and upload the file again."
              : `Importing writes the ${n(job.goodRows)} good ${job.goodRows === 1 ? "row" : "rows"} as opt-ins${job.badRows > 0 ? ` and skips the ${n(job.badRows)} with problems (fix them and import the file again: rows already imported are not written twice)` : ""}.`}
          </p>
          {job.goodRows > 0 && (
            <StartImportButton
              action={startImportAction}
              workspace={slug}
              jobId={job.id}
              label={`Import ${n(job.goodRows)} ${job.goodRows === 1 ? "row" : "rows"}`}
            />
          )}
        </section>
      )}

      {job.status !== "previewed" && (
        <section aria-labelledby="progress-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="progress-heading" className="text-lg font-semibold">
            {job.status === "done" ? "Imported" : stopped ? "The import stopped" : "Importing…"}
          </h2>
          <div>
            <div
              className="h-3 overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-label="Rows processed"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {n(job.processedRows)} of {n(job.totalRows)} rows processed ({percent}%).
            </p>
          </div>
          <p className="text-sm text-slate-700" role="status">
            {n(job.writtenRows)} written as new opt-ins · {n(job.alreadyImportedRows)} already imported earlier
            {job.refusedRows > 0 ? ` · ${n(job.refusedRows)} refused by the ledger (listed below)` : ""}
          </p>
          {stopped && (
            <>
              <Alert tone="warning">
                {job.error ?? "The process running this import stopped."} Everything up to row {n(job.processedRows + 1)} is saved. Resuming carries on from
                there; rows that were written just before it stopped are recognised and not written twice.
              </Alert>
              <StartImportButton action={startImportAction} workspace={slug} jobId={job.id} label="Resume the import" />
            </>
          )}
        </section>
      )}

      {problems.length > 0 && (
        <section aria-labelledby="problems-heading" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="problems-heading" className="text-lg font-semibold">
              Rows with problems
            </h2>
            <a href={`/${slug}/contacts/import/${job.id}/errors`} className={buttonClass("secondary")} download>
              Download every problem (CSV)
            </a>
          </div>
          <DataTable label="Rows with problems" alignTop columns={["Row", "Column", "Problem"]}>
            {problems.map((p) => (
              <tr key={`${p.row}-${p.column}`}>
                <td className="tabular-nums">{p.row}</td>
                <td className="font-mono">{p.column}</td>
                <td className="text-slate-800">{p.reason}</td>
              </tr>
            ))}
          </DataTable>
          {problems.length === SHOWN_PROBLEMS && (
            <p className="text-sm text-slate-600">The first {SHOWN_PROBLEMS} problems are shown; the download has all of them.</p>
          )}
        </section>
      )}
    </div>
  );
}
