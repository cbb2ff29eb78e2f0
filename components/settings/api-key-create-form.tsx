"use client";
import { useState } from "react";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { CheckboxCards } from "@/components/ui/checkbox-cards";
import { Field } from "@/components/ui/field";
import { apiKeyScopeLabels, createApiKeySchema, DEFAULT_API_KEY_PER_MINUTE } from "@/lib/api-keys/api-keys.validation";
import { SecretResult } from "@/components/ui/secret-result";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";

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
          This is the only time it is shown: Assent keeps only a fingerprint of it. Send it as{" "}
          <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
        </SecretResult>
      )}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        <Field
          id="api-key-name"
          label="Name"
          name="name"
          autoComplete="off"
          error={error("name")}
          hint="Which system uses it, e.g. CRM production. One key per system makes revoking one painless."
          className="sm:max-w-md"
        />
        <CheckboxCards
          idPrefix="api-key-scopes"
          name="scopes"
          legend="What it may do"
          hint="Give it only what that system needs."
          options={Object.entries(apiKeyScopeLabels).map(([value, label]) => ({ value, label, detail: value }))}
          error={error("scopes")}
        />
        <Field
          id="api-key-per-minute"
          label="Requests per minute (optional)"
          name="rateLimitPerMinute"
          inputMode="numeric"
          autoComplete="off"
          placeholder={DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")}
          error={error("rateLimitPerMinute")}
          hint={`Leave blank for the default, ${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")} a minute: a check before each message at WhatsApp's 80 a second, with room for retries. At most 1,000,000.`}
          className="sm:max-w-md"
        />
        {result && !created?.key && <ActionMessage result={result} />}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
      </form>
    </div>
  );
}
