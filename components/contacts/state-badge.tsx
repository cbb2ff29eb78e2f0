import type { CategoryState } from "@/lib/contacts/queries";

/** A category's state as text and colour (never colour alone), with the opt-in level when it is confirmed. */
export function StateBadge({ label, state }: { label: string; state: CategoryState | undefined }) {
  const tone = !state
    ? "border-slate-200 bg-white text-slate-500"
    : state.state === "opted_in"
      ? "border-emerald-200 bg-emerald-50 text-emerald-800"
      : "border-red-200 bg-red-50 text-red-800";
  const text = !state ? "never" : state.state === "opted_in" ? (state.level === "confirmed" ? "in · confirmed" : "in") : "out";
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs ${tone}`}>
      <span className="font-medium">{label}:</span> {text}
    </span>
  );
}
