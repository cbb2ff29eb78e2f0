"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";
import type { CountryOption } from "@/lib/phone/countries";
import { newWorkspaceSchema } from "@/lib/workspace/new-workspace.validation";

type Props = { action: FormAction; workspace: string; countries: CountryOption[]; defaultCountry: string };

/** The business's names, its short name in the dashboard's addresses, and its country; the rest is in Settings. */
export function NewWorkspaceForm({ action, workspace, countries, defaultCountry }: Props) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(newWorkspaceSchema, action);
  const error = (field: string) => fieldError(result, field);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <input type="hidden" name="workspace" value={workspace} />
      <Field
        id="new-workspace-business"
        label="Business name"
        name="businessName"
        autoComplete="organization"
        error={error("businessName")}
        hint="The name people know: every consent sentence names it."
      />
      <Field
        id="new-workspace-legal"
        label="Legal name (optional)"
        name="legalName"
        autoComplete="off"
        error={error("legalName")}
        hint="As registered; printed on certificates. Left empty, the business name is used."
      />
      <Field
        id="new-workspace-slug"
        label="Short name"
        name="slug"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        error={error("slug")}
        hint="In its addresses: /acme-coffee and its forms at /f/acme-coffee/…. Lower-case letters, digits and dashes; it cannot be changed later."
      />
      <SelectField
        id="new-workspace-country"
        label="Country"
        name="defaultCountry"
        defaultValue={defaultCountry}
        error={error("defaultCountry")}
        hint="Phone numbers typed without a country code are read as this country's."
        options={countries.map((c) => ({ value: c.code, label: `${c.name} (+${c.callingCode})` }))}
      />
      {result && !result.ok && <ActionMessage result={result} />}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create the workspace"}
      </Button>
    </form>
  );
}
