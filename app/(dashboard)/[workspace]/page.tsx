import type { Metadata } from "next";
import Link from "next/link";
import { FirstSteps } from "@/components/dashboard/first-steps";
import { AlertBanner } from "@/components/quality/alert-banner";
import { OverviewControls } from "@/components/quality/overview-controls";
import { FormFunnelTable, RateSections, RatingSection, VolumeSections } from "@/components/quality/overview-sections";
import { RatingEntryForm } from "@/components/quality/rating-entry-form";
import { SummaryTiles } from "@/components/quality/summary-tiles";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/server/app-database";
import { listOpenAlerts } from "@/lib/quality/alerts";
import { foldWorkspace } from "@/lib/quality/fold";
import { overviewParams, readOverview } from "@/lib/quality/overview";
import { findSetupProgress } from "@/lib/workspace/queries";
import { acknowledgeAlertAction, recordRatingAction } from "./actions";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | undefined>> };

/** The workspace's home: opt-in health and the WhatsApp quality rating, read from rollups. */
export default async function WorkspaceHome({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "quality:read", `/${slug}`);
  const choice = overviewParams(await searchParams);
  const db = await getDb();
  // The worker folds every few seconds; folding the remaining tail here makes the page exact, not seconds behind.
  await foldWorkspace(db, actor.workspace.id, { wait: true });
  const [overview, alerts, progress] = await Promise.all([
    readOverview(db, actor.workspace.id, choice),
    listOpenAlerts(db, actor.workspace.id),
    findSetupProgress(db, actor.workspace.id),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  const manage = can(actor.role, "quality:manage");
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Overview</h1>
          <p className="mt-1 text-sm text-slate-600">
            Whether your opt-in methods bring people who stay, and how WhatsApp rates your number. Days are UTC, from {overview.from}.
          </p>
        </div>
        {manage && (
          <Link href={`/${slug}/settings/quality`} className="text-sm font-medium text-brand-800 hover:underline">
            Alert thresholds
          </Link>
        )}
      </div>
      <FirstSteps slug={slug} role={actor.role} progress={progress} />
      <AlertBanner alerts={alerts} workspace={slug} acknowledge={can(actor.role, "quality:acknowledge") ? acknowledgeAlertAction : undefined} />
      <OverviewControls slug={slug} params={choice} />
      <SummaryTiles overview={overview} />
      <VolumeSections overview={overview} params={choice} />
      <RateSections overview={overview} />
      <FormFunnelTable forms={overview.forms} />
      <RatingSection overview={overview} today={today} />
      {manage && (
        <section aria-labelledby="rating-entry" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="rating-entry" className="text-base font-semibold text-slate-900">
            Record the rating from WhatsApp Manager
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            Meta notifies a fall to low and the recovery; a medium rating, or a history from before Assent, is entered here.
          </p>
          <RatingEntryForm action={recordRatingAction} workspace={slug} today={today} />
        </section>
      )}
    </div>
  );
}
