import type { Metadata } from "next";
import Link from "next/link";
import { ContactsFilters } from "@/components/contacts/contacts-filters";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
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
          <p className="mt-1 text-sm text-slate-600">
            Everyone who has a consent record with {actor.workspace.businessName}, and their state per kind of message.
          </p>
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
        <EmptyState title={filtered ? "No contacts match these filters." : "No contacts yet."}>
          {filtered
            ? "Check the phone number, or clear some filters."
            : "Start by publishing a form and sharing its link (Forms), importing a list (Import CSV) or recording a paper form. Contacts appear here when people opt in through a form, a keyword, the API or a record made by staff."}
        </EmptyState>
      ) : (
        <>
          <ContactsTable slug={slug} rows={page.rows} categories={categories.filter((c) => !c.retiredAt).map((c) => ({ key: c.key, label: c.label }))} />
          <Pager
            path={`/${slug}/contacts`}
            params={Object.fromEntries(new URLSearchParams(contactFilterQuery(filter)))}
            cursor="after"
            current={filter.after}
            next={page.next}
            labels={{ first: "← First page", next: "Next page →" }}
          />
        </>
      )}
    </div>
  );
}
