import { ActionButton } from "@/components/ui/action-button";
import type { ActionResult } from "@/lib/handlers/workspace-action";
import type { OpenAlert } from "@/lib/quality/alerts";

type Props = {
  alerts: OpenAlert[];
  workspace: string;
  /** Absent for roles that may not dismiss alerts. */
  acknowledge?: (previous: ActionResult | null, data: FormData) => Promise<ActionResult>;
};

/** Alerts whose condition still holds and that nobody has dismissed yet: the first thing on the home page. */
export function AlertBanner({ alerts, workspace, acknowledge }: Props) {
  const showing = alerts.filter((a) => !a.acknowledgedAt);
  if (showing.length === 0) return null;
  return (
    <section aria-label="Quality alerts" className="space-y-2">
      {showing.map((a) => (
        <div
          key={a.id}
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950"
        >
          <div className="min-w-0">
            <p className="font-semibold">{a.title}</p>
            <p className="text-xs text-amber-900">
              Raised {a.raisedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · sent to webhook endpoints that take quality alerts
            </p>
          </div>
          {acknowledge && <ActionButton action={acknowledge} fields={{ workspace, alertId: a.id }} label="Dismiss" pendingLabel="Dismissing…" />}
        </div>
      ))}
    </section>
  );
}
