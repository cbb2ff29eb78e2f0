"use client";
import { useState } from "react";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { apiKeyScopeLabels, createApiKeySchema } from "@/lib/settings/api-keys.validation";
import { SecretResult } from "./secret-result";
import { useValidatedAction, type FormAction } from "./use-validated-action";

export function ApiKeyCreateForm({ action, workspace }: { action: FormAction; workspace: string }) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(createApiKeySchema, action, { arrays: ["scopes"], resetOnSuccess: true });
  const error = (field: string) => fieldError(result, field);
  const created = result?.ok ? (result.data as { key?: string; name?: string } | undefined) : undefined;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const key = created?.key !== dismissed ? created?.key : undefined;
  return (
    <div className="space-y-4">
      {key && (
        <SecretResult key={key} id="new-api-key" label={`New key for "${created?.name}"`} value={key} onDone={() => setDismissed(key)}>
          This is the only time it is shown: Assent keeps only a fingerprint of it. Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
        </SecretResult>
      )}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <Field id="api-key-name" label="Name" name="name" autoComplete="off" error={error("name")} hint="Which system uses it, e.g. CRM production. One key per system makes revoking one painless." className="sm:max-w-md" />
        <fieldset aria-describedby={error("scopes") ? "api-key-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">What it may do</legend>
          <p className="text-sm text-slate-500">Give it only what that system needs.</p>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {Object.entries(apiKeyScopeLabels).map(([scope, label]) => (
              <label key={scope} className="flex cursor-pointer items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="checkbox" name="scopes" value={scope} aria-invalid={error("scopes") ? true : undefined} className="mt-0.5 h-4 w-4 shrink-0" />
                <span>
                  <span className="block font-medium text-slate-900">{label}</span>
                  <code className="font-mono text-xs text-slate-500">{scope}</code>
                </span>
              </label>
            ))}
          </div>
          {error("scopes") && (
            <p id="api-key-scopes-error" className="mt-1 text-sm text-red-700">
              {error("scopes")}
            </p>
          )}
        </fieldset>
        {result && !created?.key && <ActionMessage result={result} />}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
      </form>
    </div>
  );
}
