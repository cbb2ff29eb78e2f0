import type { WordedChange } from "@/lib/forms/version-diff-labels";

/**
 * What one version changed, field by field. Wide screens: three columns (where, before, after). A phone: each
 * change is a card with its before and after stacked and labelled, so neither is pushed off-screen.
 */
export function VersionChanges({ changes, first }: { changes: WordedChange[]; first: boolean }) {
  const grid = first ? "sm:grid-cols-[minmax(10rem,16rem)_minmax(0,1fr)]" : "sm:grid-cols-[minmax(10rem,16rem)_minmax(0,1fr)_minmax(0,1fr)]";
  return (
    <div className="mt-2 text-xs">
      <div aria-hidden className={`hidden gap-4 border-b border-slate-200 pb-1 font-medium uppercase tracking-wide text-slate-500 sm:grid ${grid}`}>
        <span>Where</span>
        {first ? <span>Text</span> : <span>Before</span>}
        {!first && <span>After</span>}
      </div>
      <ul className="space-y-2 sm:space-y-0 sm:divide-y sm:divide-slate-100">
        {changes.map((c) => (
          <li key={c.path} className={`grid gap-1 rounded-lg border border-slate-200 p-2 sm:gap-4 sm:rounded-none sm:border-0 sm:px-0 sm:py-1.5 ${grid}`}>
            <span className="font-medium text-slate-800" title={c.path}>
              {c.where}
            </span>
            {!first && (
              <span className="min-w-0 break-words text-red-800">
                <span className="font-medium text-slate-500 sm:sr-only">Before: </span>
                {c.before === null ? <em className="text-slate-400">(none)</em> : c.before || <em className="text-slate-400">(empty)</em>}
              </span>
            )}
            <span className="min-w-0 break-words text-emerald-900">
              {!first && <span className="font-medium text-slate-500 sm:sr-only">After: </span>}
              {c.after === null ? <em className="text-slate-400">(removed)</em> : c.after || <em className="text-slate-400">(empty)</em>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
