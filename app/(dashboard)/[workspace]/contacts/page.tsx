import type { Metadata } from "next";
import Link from "next/link";
import { ContactsFilters } from "@/components/contacts/contacts-filters";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { buttonClass } from "@/components/ui/button";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { Alert } from "@/components/ui/alert";
import { contactFilterDateProblems, contactFilterQuery, hasActiveFilters, parseContactFilter } from "@/lib/contacts/filters";
import { getDb } from "@/lib/server/app-database";
import { listAllCategories } from "@/lib/categories/queries";
import { findContacts } from "@/lib/contacts/queries";
import { listFormSummaries } from "@/lib/forms/queries";

export const metadata: Metadata = { title: "Contacts" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ContactsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const query = await searchParams;
  const filter = parseContactFilter(query);
  const dateProblems = contactFilterDateProblems(query);
  const actor = await requireWorkspacePage(slug, "contacts:read", `/${slug}/contacts${contactFilterQuery(filter)}`);
  const db = await getDb();
  const scope = { workspaceId: actor.workspace.id, defaultCountry: actor.workspace.defaultCountry };
  const [categories, forms, page] = await Promise.all([
    listAllCategories(db, actor.workspace.id),
    listFormSummaries(db, actor.workspace.id),
    findContacts(db, scope, filter),
  ]);
  const filtered = hasActiveFilters(filter);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Contacts</h1>
          <p className="mt-1 text-sm text-slate-600">Everyone who has a consent record with {actor.workspace.businessName}, and their state per kind of message.</p>
        </div>
        {can(actor.role, "contacts:record") && (
          <div className="flex flex-wrap gap-2">
            <Link href={`/${slug}/contacts/paper`} className={buttonClass("secondary")}>
              Record a paper form
            </Link>
            <Link href={`/${slug}/contacts/import`} className={buttonClass("secondary")}>
              Import CSV
            </Link>
          </div>
        )}
      </div>
      {dateProblems.length > 0 && (
        <Alert tone="error">
          {dateProblems.map((p) => (
            <span key={p.field} className="block">
              {p.message}
            </span>
          ))}
        </Alert>
      )}
      <ContactsFilters
        slug={slug}
        filter={filter}
        categories={categories.map((c) => ({ value: c.key, label: c.retiredAt ? `${c.label} (retired)` : c.label }))}
        forms={forms.map((f) => ({ value: f.slug, label: f.name }))}
      />
      {page.rows.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium text-slate-800">{filtered ? "No contacts match these filters." : "No contacts yet."}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered
              ? "Check the phone number, or clear some filters."
              : "Contacts appear here when people opt in through a form, a keyword, the API or a record made by staff."}
          </p>
        </div>
      ) : (
        <>
          <ContactsTable slug={slug} rows={page.rows} categories={categories.filter((c) => !c.retiredAt).map((c) => ({ key: c.key, label: c.label }))} />
          <nav aria-label="Pages" className="flex items-center justify-between text-sm">
            {filter.after ? (
              <Link href={`/${slug}/contacts${contactFilterQuery({ ...filter, after: undefined })}`} className="text-brand-800 underline-offset-4 hover:underline">
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.next && (
              <Link
                href={`/${slug}/contacts${contactFilterQuery({ ...filter, after: page.next })}`}
                className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50"
              >
                Next page →
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
