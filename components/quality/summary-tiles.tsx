import type { Overview } from "@/lib/quality/overview";
import { ratingLabels } from "@/lib/quality/quality.validation";
import { count, percent } from "./format";

/** The period at a glance: totals, rates, and the current rating. */
export function SummaryTiles({ overview }: { overview: Overview }) {
  const sum = (pick: (c: Overview["categories"][number]) => number) => overview.categories.reduce((n, c) => n + pick(c), 0);
  const optIns = sum((c) => c.optIns);
  const optOuts = sum((c) => c.optOuts);
  const within7 = sum((c) => c.optOuts7d);
  const asked = overview.forms.reduce((n, f) => n + f.confirmAsked, 0);
  const confirmed = overview.forms.reduce((n, f) => n + f.confirms, 0);
  const rating = [...overview.rating].reverse().find((p) => p.rating)?.rating;
  const tiles = [
    { label: "Opt-ins", value: count(optIns) },
    { label: "Opt-outs", value: count(optOuts) },
    { label: "Opt-out rate", value: percent(optOuts, optIns) },
    { label: "Left within 7 days", value: percent(within7, optIns) },
    { label: "Confirmation rate", value: percent(confirmed, asked) },
    { label: "Quality rating", value: rating ? ratingLabels[rating] : "Not known" },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {tiles.map((t) => (
        <div key={t.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
          <dt className="text-xs text-slate-600">{t.label}</dt>
          <dd className="mt-0.5 text-xl font-semibold text-slate-900 tabular-nums">{t.value}</dd>
        </div>
      ))}
    </dl>
  );
}
