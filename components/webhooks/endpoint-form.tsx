"use client";
import { useState } from "react";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { CheckboxCards } from "@/components/ui/checkbox-cards";
import { Field } from "@/components/ui/field";
import { SecretResult } from "@/components/ui/secret-result";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { createEndpointSchema, updateEndpointSchema } from "@/lib/webhooks/endpoints.validation";
import { webhookTopicLabels } from "@/lib/webhooks/topics";

type Endpoint = { id: string; url: string; description: string; topics: string[] };
type Props = { action: FormAction; workspace: string; endpoint?: Endpoint };

const topicOptions = Object.entries(webhookTopicLabels).map(([value, label]) => ({ value, label, detail: value }));

/** Adds an endpoint (and shows its signing secret once), or edits one when given it. */
export function EndpointForm({ action, workspace, endpoint }: Props) {
  const editing = Boolean(endpoint);
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(editing ? updateEndpointSchema : createEndpointSchema, action, {
    arrays: ["topics"],
    resetOnSuccess: !editing,
  });
  const error = (field: string) => fieldError(result, field);
  const created = result?.ok ? (result.data as { secret?: string } | undefined) : undefined;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const secret = created?.secret !== dismissed ? created?.secret : undefined;
  const prefix = endpoint ? `endpoint-${endpoint.id}` : "new-endpoint";
  return (
    <div className="space-y-4">
      {secret && (
        <SecretResult key={secret} id={`${prefix}-secret`} label="Signing secret" value={secret} what="secret" onDone={() => setDismissed(secret)}>
          {result?.ok && result.message}
        </SecretResult>
      )}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="workspace" value={workspace} />
        {endpoint && <input type="hidden" name="endpointId" value={endpoint.id} />}
        <Field
          id={`${prefix}-url`}
          label="URL"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://crm.example.com/webhooks/assent"
          defaultValue={endpoint?.url}
          error={error("url")}
          hint="Where your system receives events. It must answer with a 2xx status within 10 seconds."
        />
        <Field
          id={`${prefix}-description`}
          label="Description (optional)"
          name="description"
          autoComplete="off"
          defaultValue={endpoint?.description}
          error={error("description")}
          hint="Which system this is, e.g. CRM production, so the team knows what stops if it fails."
          className="sm:max-w-md"
        />
        <CheckboxCards
          idPrefix={`${prefix}-topics`}
          name="topics"
          legend="Events to send"
          hint="Opt-outs are the ones your sending systems must act on at once."
          options={topicOptions}
          defaultValues={endpoint?.topics ?? ["consent.opt_out"]}
          error={error("topics")}
        />
        {result && !secret && <ActionMessage result={result} />}
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save changes" : "Add endpoint"}
        </Button>
      </form>
    </div>
  );
}
