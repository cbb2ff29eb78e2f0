"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveKeywordsSchema, saveSmsSchema, saveWhatsAppSchema, workspaceOnlySchema } from "@/lib/channels/settings.validation";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";

// Schemas cannot cross from a server component to a client one, so the page names which form this is.
const schemas = { whatsapp: saveWhatsAppSchema, sms: saveSmsSchema, keywords: saveKeywordsSchema, verifyToken: workspaceOnlySchema } as const;

export type ChannelField = { name: string; label: string; hint?: string; defaultValue?: string; type?: "text" | "password" };

/**
 * One Channels settings form: a few text fields, checked with the server's schema first. Secret fields start
 * empty (the stored value is never sent back); leaving one empty keeps it.
 */
export function ChannelSettingsForm(props: {
  action: FormAction;
  schema: keyof typeof schemas;
  workspace: string;
  fields: ChannelField[];
  submitLabel: string;
  idPrefix: string;
}) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(schemas[props.schema], props.action);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="workspace" value={props.workspace} />
      {props.fields.map((f) => (
        <Field
          key={f.name}
          id={`${props.idPrefix}-${f.name}`}
          name={f.name}
          label={f.label}
          hint={f.hint}
          type={f.type ?? "text"}
          defaultValue={f.defaultValue}
          autoComplete="off"
          error={fieldError(result, f.name)}
          className="sm:max-w-xl"
        />
      ))}
      <ActionMessage result={result} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : props.submitLabel}
      </Button>
    </form>
  );
}
