"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { controlClass, FieldFrame } from "@/components/ui/field";
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
      {/* The button sits beside the input, under the label, so an error line below never pushes it out of line. */}
      <FieldFrame id={id} label="Requests per minute" error={error}>
        {(aria) => (
          <div className="flex max-w-xs items-center gap-2">
            <input
              name="rateLimitPerMinute"
              {...aria}
              inputMode="numeric"
              autoComplete="off"
              defaultValue={limit === null ? "" : String(limit)}
              placeholder={`${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")} (default)`}
              className={`${controlClass} min-w-0`}
            />
            <Button type="submit" variant="secondary" disabled={pending} className="mt-1 shrink-0">
              {pending ? "Saving…" : "Save limit"}
              <span className="sr-only"> for {keyName}</span>
            </Button>
          </div>
        )}
      </FieldFrame>
      {result && !error && <ActionMessage result={result} />}
    </form>
  );
}
