import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-nav";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { VerifyHelp } from "@/components/webhooks/verify-help";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { createEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Settings: webhooks" };

export default async function WebhookSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "webhooks:manage", `/${slug}/settings/webhooks`);
  const endpoints = await listWebhookEndpoints(await getDb(), actor.workspace.id);
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsHeader
        slug={slug}
        role={actor.role}
        current="/webhooks"
        intro="Assent tells your systems the moment someone opts out (or in), so no campaign reaches a person who said stop. Each delivery is signed and retried until your system answers."
      />
      <section aria-labelledby="endpoints-heading" className="space-y-3">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          {endpoints.length === 0 ? "Endpoints" : `${endpoints.length} ${endpoints.length === 1 ? "endpoint" : "endpoints"}`}
        </h2>
        <EndpointList slug={slug} endpoints={endpoints} />
      </section>
      <section aria-labelledby="new-endpoint-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="new-endpoint-heading" className="mb-3 text-lg font-semibold">
          Add an endpoint
        </h2>
        <EndpointForm action={createEndpointAction} workspace={slug} />
      </section>
      <section aria-labelledby="verify-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="verify-heading" className="mb-3 text-lg font-semibold">
          Checking that a delivery came from Assent
        </h2>
        <VerifyHelp />
      </section>
    </div>
  );
}
