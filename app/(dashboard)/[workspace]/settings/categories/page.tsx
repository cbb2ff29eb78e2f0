import type { Metadata } from "next";
import { CategoryCreateForm } from "@/components/settings/category-create-form";
import { CategoryList } from "@/components/settings/category-list";
import { SettingsHeader } from "@/components/settings/settings-nav";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { listAllCategories } from "@/lib/categories/queries";
import { createCategoryAction, retireCategoryAction, unretireCategoryAction, updateCategoryAction } from "./actions";

export const metadata: Metadata = { title: "Settings: message categories" };

export default async function CategorySettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "settings:manage", `/${slug}/settings/categories`);
  const categories = await listAllCategories(await getDb(), actor.workspace.id);
  const active = categories.filter((c) => !c.retiredAt).length;
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsHeader
        slug={slug}
        role={actor.role}
        current="/categories"
        intro="The kinds of message people opt in to, each one separately. Categories are never deleted, because the ledger refers to them: retire one to stop offering it."
      />
      <section aria-labelledby="categories-heading" className="space-y-3">
        <h2 id="categories-heading" className="text-lg font-semibold">
          {categories.length === 0 ? "Categories" : `${active} in use${categories.length > active ? `, ${categories.length - active} retired` : ""}`}
        </h2>
        <CategoryList
          workspace={slug}
          categories={categories}
          actions={{ update: updateCategoryAction, retire: retireCategoryAction, unretire: unretireCategoryAction }}
        />
      </section>
      <section aria-labelledby="add-category-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="add-category-heading" className="mb-3 text-lg font-semibold">
          Add a category
        </h2>
        <CategoryCreateForm action={createCategoryAction} workspace={slug} />
      </section>
    </div>
  );
}
