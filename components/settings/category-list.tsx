import type { MessageCategory } from "@/lib/categories/queries";
import { templateCategories } from "@/lib/categories/categories.validation";
import { formatUtc } from "@/components/contacts/contacts-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CategoryEditForm } from "./category-edit-form";
import { CategoryRetireToggle } from "./category-retire-toggle";
import type { FormAction } from "@/components/ui/use-validated-action";

type Props = { workspace: string; categories: MessageCategory[]; actions: { update: FormAction; retire: FormAction; unretire: FormAction } };

export function CategoryList({ workspace, categories, actions }: Props) {
  if (categories.length === 0) {
    return (
      <EmptyState>
        No message categories yet. Add the first one below: people opt in to each kind of message separately, so make one per kind (order updates, offers…).
      </EmptyState>
    );
  }
  return (
    <ul className="space-y-3">
      {categories.map((c) => (
        <li key={c.id} className={`rounded-xl border p-4 ${c.retiredAt ? "border-slate-200 bg-slate-50" : "border-slate-200 bg-white"}`}>
          <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
            <div className="min-w-0 space-y-1">
              <h3 className={`flex flex-wrap items-center gap-2 font-semibold ${c.retiredAt ? "text-slate-600" : "text-slate-900"}`}>
                {c.label}
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-normal text-slate-700">{c.key}</code>
                <span className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800">{templateCategories[c.templateCategory].label}</span>
                {c.retiredAt && (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Retired {formatUtc(c.retiredAt)}</span>
                )}
              </h3>
              <p className="text-sm text-slate-700">{c.description}</p>
              <dl className="grid gap-x-3 gap-y-0.5 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-500">Example</dt>
                <dd className="text-slate-700">“{c.example}”</dd>
                <dt className="text-slate-500">How often</dt>
                <dd className="text-slate-700">{c.frequency}</dd>
              </dl>
            </div>
            <div className="shrink-0 md:max-w-xs">
              <CategoryRetireToggle
                retire={actions.retire}
                unretire={actions.unretire}
                workspace={workspace}
                categoryId={c.id}
                label={c.label}
                retired={c.retiredAt !== null}
              />
            </div>
          </div>
          {!c.retiredAt && (
            <div className="mt-3">
              <CategoryEditForm action={actions.update} workspace={workspace} category={c} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
