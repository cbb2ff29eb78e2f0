"use client";
import type { ReactNode } from "react";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { CountryOption } from "@/lib/phone/countries";
import { profileLanguages, profileSchema } from "@/lib/workspace/profile.validation";
import { BrandColorField } from "./brand-color-field";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";

export type ProfileValues = {
  businessName: string;
  legalName: string;
  whatsappNumber: string | null;
  logoUrl: string | null;
  brandColor: string;
  defaultLanguage: string;
  defaultCountry: string;
  privacyPolicyUrl: string | null;
  requireConfirmation: boolean;
};

type Props = { action: FormAction; workspace: string; saved: ProfileValues; countries: CountryOption[] };

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="grid gap-4 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0 sm:grid-cols-2">
      <legend className="sr-only">{title}</legend>
      {/* biome-ignore lint/a11y/useHeadingContent: the visible heading repeats the legend, which screen readers read instead */}
      <h3 aria-hidden="true" className="text-sm font-semibold uppercase tracking-wide text-slate-500 sm:col-span-2">
        {title}
      </h3>
      {children}
    </fieldset>
  );
}

export function ProfileForm({ action, workspace, saved, countries }: Props) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(profileSchema, action);
  const error = (field: string) => fieldError(result, field);
  // Remount the inputs when saved values change, so they show what was stored (a number in E.164, say).
  const savedKey = JSON.stringify(saved);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="workspace" value={workspace} />
      <div key={savedKey} className="space-y-6">
        <Group title="Who you are">
          <Field
            label="Business name"
            name="businessName"
            required
            defaultValue={saved.businessName}
            error={error("businessName")}
            hint="The name people know you by. Shown on opt-in pages and named in every consent sentence."
          />
          <Field
            label="Legal name"
            name="legalName"
            required
            defaultValue={saved.legalName}
            error={error("legalName")}
            hint="The registered company. Shown in the footer of opt-in pages and on consent certificates."
          />
          <Field
            label="WhatsApp business number"
            name="whatsappNumber"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            defaultValue={saved.whatsappNumber ?? ""}
            error={error("whatsappNumber")}
            hint="The number your messages come from. Start with + and the country code, or it is read in the default country."
          />
        </Group>

        <Group title="How your pages look">
          <Field
            label="Logo address (optional)"
            name="logoUrl"
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={saved.logoUrl ?? ""}
            error={error("logoUrl")}
            hint="A square PNG or SVG, on an https:// address."
          />
          <BrandColorField defaultValue={saved.brandColor} error={error("brandColor")} />
        </Group>

        <Group title="Defaults">
          <SelectField
            id="field-defaultLanguage"
            label="Default language"
            name="defaultLanguage"
            defaultValue={saved.defaultLanguage}
            error={error("defaultLanguage")}
            hint="New forms start in this language."
            options={Object.entries(profileLanguages).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            id="field-defaultCountry"
            label="Default country"
            name="defaultCountry"
            defaultValue={saved.defaultCountry}
            error={error("defaultCountry")}
            hint="Phone numbers typed without a country code are read as this country's."
            options={countries.map((c) => ({ value: c.code, label: `${c.name} (+${c.callingCode})` }))}
          />
        </Group>

        <Group title="Privacy and confirmation">
          <Field
            label="Privacy policy address"
            name="privacyPolicyUrl"
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={saved.privacyPolicyUrl ?? ""}
            error={error("privacyPolicyUrl")}
            hint="Linked from every opt-in page. Strongly recommended; some laws require it."
          />
          <div className="flex items-start gap-3 rounded-lg border border-slate-200 p-3">
            <input
              id="field-requireConfirmation"
              name="requireConfirmation"
              type="checkbox"
              defaultChecked={saved.requireConfirmation}
              aria-describedby="field-requireConfirmation-hint"
              className="mt-1 h-4 w-4 shrink-0"
            />
            <div>
              <label htmlFor="field-requireConfirmation" className="text-sm font-medium text-slate-800">
                Require confirmation (double opt-in)
              </label>
              <p id="field-requireConfirmation-hint" className="text-sm text-slate-500">
                An opt-in counts for sending only after the person confirms it on WhatsApp. Fewer sign-ups, stronger proof.
              </p>
            </div>
          </div>
        </Group>
      </div>

      <Alert tone="info">
        Published forms keep the wording they were published with: the consent sentences keep the business name they named then. After renaming, publish a new
        version of each form to use the new name in its consent sentences.
      </Alert>
      <ActionMessage result={result} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
