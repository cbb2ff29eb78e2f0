"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DEFAULT_API_KEY_PER_MINUTE, setApiKeyLimitSchema } from "@/lib/api-keys/api-keys.validation";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";

type Props = { action: FormAction; workspace: string; apiKeyId: string; keyName: string; limit: number | null };

/** A live key's own limit, changed in place: blank is the default. */
export function ApiKeyLimitForm({ action, workspace, apiKeyId, keyName, limit }: Props) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(setApiKeyLimitSchema, action);
  const id = `api-key-limit-${apiKeyId}`;
  const error = fieldError(result, "rateLimitPerMinute");
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-2" aria-label={`Limit of ${keyName}`}>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      <div className="flex flex-wrap items-end gap-2">
        <Field
          id={id}
          label="Requests per minute"
          name="rateLimitPerMinute"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={limit === null ? "" : String(limit)}
          placeholder={`${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")} (default)`}
          error={error}
          className="w-52"
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save limit"}
          <span className="sr-only"> for {keyName}</span>
        </Button>
      </div>
      {result && !error && <ActionMessage result={result} />}
    </form>
  );
}
