import type { PolicyCheck } from "@/lib/forms/policy";

/** Each WhatsApp requirement with pass or fail and, when it fails, exactly where. */
export function PolicyPanel({ checks }: { checks: PolicyCheck[] }) {
  const blocking = checks.filter((c) => c.severity === "required" && !c.passed).length;
  return (
    <section aria-labelledby="policy-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <div>
        <h2 id="policy-heading" className="text-base font-semibold text-slate-900">
          WhatsApp policy check
        </h2>
        <p aria-live="polite" className={`text-sm ${blocking ? "text-red-700" : "text-emerald-800"}`}>
          {blocking ? `${blocking} ${blocking === 1 ? "requirement is" : "requirements are"} not met yet: publishing is blocked.` : "Every requirement is met."}
        </p>
      </div>
      <ul className="space-y-2">
        {checks.map((c) => {
          const tone = c.passed ? "text-emerald-800" : c.severity === "required" ? "text-red-700" : "text-amber-800";
          const mark = c.passed ? "✓" : c.severity === "required" ? "✗" : "!";
          const state = c.passed ? "Passes" : c.severity === "required" ? "Fails" : "Advice";
          return (
            <li key={c.id} className="text-sm">
              <p className="flex gap-2 font-medium text-slate-900">
                <span aria-hidden className={`w-4 shrink-0 font-bold ${tone}`}>
                  {mark}
                </span>
                <span>
                  <span className="sr-only">{state}: </span>
                  {c.title}
                  {!c.passed && c.severity === "warning" && <span className="font-normal text-amber-800"> (advice)</span>}
                </span>
              </p>
              <p className="ml-6 text-slate-600">{c.why}</p>
              {!c.passed && (
                <ul className={`ml-6 list-disc pl-4 ${tone}`}>
                  {c.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
