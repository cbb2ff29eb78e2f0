import type { Metadata } from "next";
import { ApiKeyCreateForm } from "@/components/settings/api-key-create-form";
import { ApiKeyList } from "@/components/settings/api-key-list";
import { SettingsHeader } from "@/components/settings/settings-nav";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { listApiKeys } from "@/lib/api-keys/queries";
import { createApiKeyAction, revokeApiKeyAction, setApiKeyLimitAction } from "./actions";

export const metadata: Metadata = { title: "Settings: API keys" };

export default async function ApiKeySettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "api-keys:manage", `/${slug}/settings/api-keys`);
  const keys = await listApiKeys(await getDb(), actor.workspace.id);
  const active = keys.filter((k) => !k.revokedAt).length;
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsHeader
        slug={slug}
        role={actor.role}
        current="/api-keys"
        intro="Keys let your other systems check consent before sending and record opt-ins and opt-outs. Each key works for this workspace only."
      />
      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-lg font-semibold">
          {keys.length === 0 ? "Keys" : `${active} active ${active === 1 ? "key" : "keys"}${keys.length > active ? `, ${keys.length - active} revoked` : ""}`}
        </h2>
        <ApiKeyList workspace={slug} keys={keys} revoke={revokeApiKeyAction} setLimit={setApiKeyLimitAction} />
      </section>
      <section aria-labelledby="new-key-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="new-key-heading" className="mb-3 text-lg font-semibold">
          Create an API key
        </h2>
        <ApiKeyCreateForm action={createApiKeyAction} workspace={slug} />
      </section>
    </div>
  );
}
