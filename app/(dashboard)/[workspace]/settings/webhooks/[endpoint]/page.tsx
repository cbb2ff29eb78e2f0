import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatUtc } from "@/components/contacts/contacts-table";
import { SettingsHeader } from "@/components/settings/settings-nav";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { ActionButton } from "@/components/ui/action-button";
import { Pager } from "@/components/ui/pager";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { RotateSecretButton } from "@/components/webhooks/rotate-secret-button";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { findWebhookEndpoint, listEndpointDeliveries, type DeliveryFilter } from "@/lib/webhooks/queries";
import { redeliverAction, removeEndpointAction, rotateSecretAction, sendTestAction, setEndpointStatusAction, updateEndpointAction } from "../actions";

export const metadata: Metadata = { title: "Settings: webhook endpoint" };

type Props = { params: Promise<{ workspace: string; endpoint: string }>; searchParams: Promise<Record<string, string | undefined>> };

const statuses = { pending: "Sending or retrying", delivered: "Delivered", dead: "Failed" } as const;

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const { workspace: slug, endpoint: endpointId } = await params;
  const actor = await requireWorkspacePage(slug, "webhooks:manage", `/${slug}/settings/webhooks/${endpointId}`);
  const db = await getDb();
  const endpoint = await findWebhookEndpoint(db, actor.workspace.id, endpointId);
  if (!endpoint) notFound();
  const sp = await searchParams;
  const filter: DeliveryFilter = {
    status: sp.status && sp.status in statuses ? (sp.status as DeliveryFilter["status"]) : undefined,
    before: sp.before?.slice(0, 200) || undefined,
  };
  const deliveries = await listEndpointDeliveries(db, actor.workspace.id, endpoint.id, filter);
  const here = `/${slug}/settings/webhooks/${endpoint.id}`;
  const active = endpoint.status === "active";
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsHeader
        slug={slug}
        role={actor.role}
        current="/webhooks"
        intro="One endpoint: what it receives, how its deliveries went, and the controls to test, pause or re-key it."
      />
      <p>
        <Link href={`/${slug}/settings/webhooks`} className="text-sm text-brand-800 underline hover:no-underline">
          ← All endpoints
        </Link>
      </p>
      <section aria-labelledby="endpoint-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="endpoint-heading" className="break-all font-mono text-base font-semibold text-slate-900">
            {endpoint.url}
          </h2>
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${active ? "bg-emerald-50 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>
            {active ? "Active" : "Disabled"}
          </span>
        </div>
        <p className="text-sm text-slate-600">
          Added {formatUtc(endpoint.createdAt)}
          {endpoint.createdBy && ` by ${endpoint.createdBy}`}
          {endpoint.previousSecretExpiresAt &&
            endpoint.previousSecretExpiresAt > new Date() &&
            ` · the previous secret also signs until ${formatUtc(endpoint.previousSecretExpiresAt)}`}
        </p>
        <div className="flex flex-wrap items-start gap-3">
          {active && (
            <ActionButton
              action={sendTestAction}
              fields={{ workspace: slug, endpointId: endpoint.id }}
              label="Send test event"
              pendingLabel="Queuing…"
              variant="primary"
            />
          )}
          <ActionButton
            action={setEndpointStatusAction}
            fields={{ workspace: slug, endpointId: endpoint.id, status: active ? "disabled" : "active" }}
            label={active ? "Disable" : "Enable"}
            pendingLabel={active ? "Disabling…" : "Enabling…"}
          />
          <RotateSecretButton action={rotateSecretAction} workspace={slug} endpointId={endpoint.id} />
          <ConfirmActionButton
            action={removeEndpointAction}
            fields={{ workspace: slug, endpointId: endpoint.id }}
            label="Remove"
            accessibleLabel={`Remove the endpoint ${endpoint.url}`}
            pendingLabel="Removing…"
            size="regular"
            confirm={`Remove the endpoint ${endpoint.url}?\n\nIt stops receiving events at once, deliveries still waiting are not sent, and it cannot be brought back (add it again instead).`}
          />
        </div>
      </section>
      <section aria-labelledby="log-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="log-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <nav aria-label="Filter deliveries" className="flex flex-wrap gap-1 text-sm">
            {[["", "All"], ...Object.entries(statuses)].map(([value, label]) => (
              <Link
                key={value}
                href={value ? `${here}?status=${value}` : here}
                aria-current={(filter.status ?? "") === value ? "page" : undefined}
                className="rounded-full border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
              >
                {label}
              </Link>
            ))}
          </nav>
        </div>
        <DeliveryLog workspace={slug} rows={deliveries.rows} redeliver={redeliverAction} paused={!active} />
        <Pager
          path={here}
          params={filter}
          cursor="before"
          current={filter.before}
          next={deliveries.nextBefore}
          labels={{ first: "← Newest deliveries", next: "Older deliveries →" }}
        />
      </section>
      <section aria-labelledby="edit-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="edit-heading" className="mb-3 text-lg font-semibold">
          Edit
        </h2>
        <EndpointForm action={updateEndpointAction} workspace={slug} endpoint={endpoint} />
      </section>
    </div>
  );
}
