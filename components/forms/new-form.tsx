"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import { createFormSchema } from "@/lib/forms/builder.validation";
import { formChannelLabels } from "@/lib/forms/channels";

/** Name, address and channel: the rest is written in the builder that opens next. */
export function NewForm({ action, workspace }: { action: FormAction; workspace: string }) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(createFormSchema, action);
  const error = (field: string) => fieldError(result, field);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-3 sm:items-start">
      <input type="hidden" name="workspace" value={workspace} />
      <Field id="new-form-name" label="Name" name="name" autoComplete="off" error={error("name")} hint="For your team." />
      <Field id="new-form-slug" label="Address" name="slug" autoComplete="off" error={error("slug")} hint={`Its link: /f/${workspace}/…`} />
      <SelectField
        id="new-form-channel"
        label="Where people opt in"
        name="channel"
        options={Object.entries(formChannelLabels).map(([value, c]) => ({ value, label: c.label }))}
        error={error("channel")}
        hint="Page, keyword, phone, paper."
      />
      <Field
        id="new-form-keyword"
        label="Keyword (SMS and WhatsApp forms)"
        name="keyword"
        autoComplete="off"
        error={error("keyword")}
        hint="The word people send to opt in, e.g. JOIN."
        className="sm:col-span-3 sm:max-w-xs"
      />
      <div className="space-y-2 sm:col-span-3">
        {result && !result.ok && <ActionMessage result={result} />}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create and open the builder"}
        </Button>
      </div>
    </form>
  );
}
