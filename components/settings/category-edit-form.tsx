"use client";
import { useState } from "react";
import { ActionMessage, fieldError } from "@/components/ui/action-form-state";
import { Button } from "@/components/ui/button";
import { updateCategorySchema } from "@/lib/categories/categories.validation";
import { CategoryWordingFields } from "./category-wording-fields";
import { useValidatedAction, type FormAction } from "@/components/ui/use-validated-action";

type Props = {
  action: FormAction;
  workspace: string;
  category: { id: string; key: string; label: string; description: string; example: string; frequency: string };
};

/** The wording of one category, behind a disclosure so the list stays short. */
export function CategoryEditForm({ action, workspace, category }: Props) {
  const [open, setOpen] = useState(false);
  // Close once saved: the card now shows the new wording, and the outcome shows under the disclosure.
  const { result, formAction, onSubmit, pending, formRef } = useValidatedAction(updateCategorySchema, action, { onResult: (r) => r.ok && setOpen(false) });
  const error = (field: string) => fieldError(result, field);
  return (
    <div className="space-y-2">
      <details className="group" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          <span aria-hidden="true" className="text-xs transition-transform group-open:rotate-90">
            ▶
          </span>
          Edit wording<span className="sr-only"> of {category.label}</span>
        </summary>
        <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-3 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <input type="hidden" name="workspace" value={workspace} />
          <input type="hidden" name="categoryId" value={category.id} />
          <div className="grid gap-4 sm:grid-cols-2">
            <CategoryWordingFields idPrefix={`category-${category.id}`} values={category} error={error} />
          </div>
          <p className="text-sm text-slate-500">
            Hosted forms show the new wording at once. The key <code className="font-mono">{category.key}</code> and the consent sentences of published forms
            stay as they are.
          </p>
          {result && !result.ok && <ActionMessage result={result} />}
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save wording"}
          </Button>
        </form>
      </details>
      {result?.ok && !open && <ActionMessage result={result} />}
    </div>
  );
}
