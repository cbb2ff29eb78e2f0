import type { Metadata } from "next";
import Link from "next/link";
import { ThresholdForm } from "@/components/quality/threshold-form";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { readThresholds } from "@/lib/quality/settings";
import { updateThresholdsAction } from "./actions";

export const metadata: Metadata = { title: "Settings: quality alerts" };

export default async function QualitySettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "quality:manage", `/${slug}/settings/quality`);
  const saved = await readThresholds(await getDb(), actor.workspace.id);
  return (
    <div className="max-w-3xl space-y-5">
      <div>
        <p className="text-sm font-medium text-slate-500">
          <Link href={`/${slug}`} className="hover:underline">
            Overview
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">Quality alerts</h1>
        <p className="mt-1 text-sm text-slate-600">
          When to warn: each alert shows once on the overview and goes to the webhook endpoints that take “Quality alerts”, once per condition, until the
          condition clears. Changes are recorded in the audit log.
        </p>
      </div>
      <section aria-label="Thresholds" className="rounded-xl border border-slate-200 bg-white p-5">
        <ThresholdForm action={updateThresholdsAction} workspace={slug} saved={saved} />
      </section>
    </div>
  );
}
