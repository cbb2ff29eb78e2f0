import Link from "next/link";
import { granularities, periods, splits, type OverviewParams } from "@/lib/quality/overview";

const names = {
  days: { 30: "30 days", 90: "90 days", 365: "12 months" },
  by: { day: "Daily", week: "Weekly" },
  split: { channel: "By channel", form: "By form", category: "By category" },
} as const;

/** Plain links (no script needed) that change one choice and keep the others. */
export function OverviewControls({ slug, params }: { slug: string; params: OverviewParams }) {
  const href = (change: Partial<OverviewParams>) => {
    const next = { ...params, ...change };
    return `/${slug}?days=${next.days}&by=${next.by}&split=${next.split}`;
  };
  const group = <K extends keyof OverviewParams>(label: string, key: K, values: readonly OverviewParams[K][]) => (
    <nav aria-label={label} className="inline-flex overflow-hidden rounded-lg border border-slate-300 bg-white text-sm">
      {values.map((v) => {
        const current = params[key] === v;
        return (
          <Link
            key={String(v)}
            href={href({ [key]: v } as Partial<OverviewParams>)}
            aria-current={current ? "true" : undefined}
            className={`border-l border-slate-300 px-3 py-1.5 first:border-l-0 ${current ? "bg-brand-700 font-semibold text-white" : "text-slate-700 hover:bg-slate-50"}`}
          >
            {(names[key] as Record<string, string>)[String(v)]}
          </Link>
        );
      })}
    </nav>
  );
  return (
    <div className="flex flex-wrap gap-2">
      {group("Period", "days", periods)}
      {group("Granularity", "by", granularities)}
      {group("Split", "split", splits)}
    </div>
  );
}
