"use client";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createCategorySchema, templateCategories } from "@/lib/categories/categories.validation";
import { CategoryWordingFields } from "./category-wording-fields";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";

export function CategoryCreateForm({ action, workspace }: { action: FormAction; workspace: string }) {
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(createCategorySchema, action, { resetOnSuccess: true });
  const error = (field: string) => fieldError(result, field);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="workspace" value={workspace} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="new-category-key"
          label="Key"
          name="key"
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. back_in_stock"
          error={error("key")}
          hint="Used by the API, keywords and the ledger. Lower-case letters, digits and underscores; it cannot be changed later."
          className="sm:col-span-2 sm:max-w-md"
        />
        <CategoryWordingFields idPrefix="new-category" error={error} />
      </div>
      <fieldset aria-describedby={error("templateCategory") ? "new-category-template-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">WhatsApp template category</legend>
        <p className="text-sm text-slate-500">The kind of template you will send under it. It cannot be changed later.</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {Object.entries(templateCategories).map(([value, { label, hint }]) => (
            <label
              key={value}
              className="flex cursor-pointer gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="templateCategory" value={value} defaultChecked={value === "marketing"} className="mt-0.5 h-4 w-4 shrink-0" />
              <span>
                <span className="block font-medium text-slate-900">{label}</span>
                <span className="text-slate-600">{hint}</span>
              </span>
            </label>
          ))}
        </div>
        {error("templateCategory") && (
          <p id="new-category-template-error" className="mt-1 text-sm text-red-700">
            {error("templateCategory")}
          </p>
        )}
      </fieldset>
      <ActionMessage result={result} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add category"}
      </Button>
    </form>
  );
}
