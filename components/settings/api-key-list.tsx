import { formatUtc } from "@/components/contacts/contacts-table";
import type { ApiKeyRow } from "@/lib/api-keys/queries";
import { apiKeyScopeLabels, DEFAULT_API_KEY_PER_MINUTE } from "@/lib/api-keys/api-keys.validation";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { EmptyState } from "@/components/ui/empty-state";
import type { FormAction } from "@/components/ui/use-validated-action";
import { ApiKeyLimitForm } from "./api-key-limit-form";

const scopeLabel = (scope: string) => (apiKeyScopeLabels as Record<string, string>)[scope] ?? scope;
const perMinute = (limit: number | null) =>
  limit === null ? `${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")} requests a minute (default)` : `${limit.toLocaleString("en")} requests a minute`;

export function ApiKeyList({ workspace, keys, revoke, setLimit }: { workspace: string; keys: ApiKeyRow[]; revoke: FormAction; setLimit: FormAction }) {
  if (keys.length === 0) {
    return (
      <EmptyState>
        No API keys yet. Create one below for each system that checks consent before sending, or records opt-ins and opt-outs (a CRM, a campaign tool, a
        chatbot).
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
      {keys.map((k) => (
        <li key={k.id} className={`flex flex-col gap-3 p-4 md:flex-row md:items-start md:justify-between ${k.revokedAt ? "bg-slate-50" : ""}`}>
          <div className="min-w-0 space-y-1.5">
            <p className={`flex flex-wrap items-center gap-2 font-semibold ${k.revokedAt ? "text-slate-500" : "text-slate-900"}`}>
              {k.name}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-normal text-slate-700" title="The first characters of the key">
                {k.prefix}…
              </code>
              {k.revokedAt ? (
                <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Revoked {formatUtc(k.revokedAt)}</span>
              ) : (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
              )}
            </p>
            <ul aria-label="Permissions" className="flex flex-wrap gap-1.5">
              {k.scopes.map((s) => (
                <li key={s} className="rounded-md border border-slate-200 px-2 py-0.5 text-xs text-slate-700" title={s}>
                  {scopeLabel(s)}
                </li>
              ))}
            </ul>
            <p className="text-sm text-slate-600">
              Created {formatUtc(k.createdAt)}
              {k.createdBy && ` by ${k.createdBy}`} · Last used {k.lastUsedAt ? formatUtc(k.lastUsedAt) : "never"}
            </p>
            {k.revokedAt ? (
              <p className="text-sm text-slate-600">Limit: {perMinute(k.rateLimitPerMinute)}</p>
            ) : (
              <ApiKeyLimitForm action={setLimit} workspace={workspace} apiKeyId={k.id} keyName={k.name} limit={k.rateLimitPerMinute} />
            )}
          </div>
          <div className="shrink-0 md:max-w-xs">
            <ConfirmActionButton
              action={revoke}
              fields={{ workspace, apiKeyId: k.id }}
              label="Revoke"
              accessibleLabel={`Revoke ${k.name}`}
              pendingLabel="Revoking…"
              confirm={`Revoke "${k.name}" (${k.prefix}…)?\n\nEvery request with this key is refused within seconds. This cannot be undone; the system using it will need a new key.`}
              done={k.revokedAt !== null}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
