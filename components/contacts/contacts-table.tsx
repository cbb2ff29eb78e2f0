import Link from "next/link";
import { contactLabel } from "@/lib/contacts/labels";
import type { ContactRow } from "@/lib/contacts/queries";
import { StateBadge } from "./state-badge";

type Props = { slug: string; rows: ContactRow[]; categories: { key: string; label: string }[] };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatUtc(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

export function ContactsTable({ slug, rows, categories }: Props) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Contacts and their state per message category</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">
              Phone
            </th>
            <th scope="col" className="px-4 py-3">
              Name
            </th>
            <th scope="col" className="px-4 py-3">
              Consent by category
            </th>
            <th scope="col" className="px-4 py-3">
              Last change
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap px-4 py-3 font-mono">
                <Link prefetch={false} href={`/${slug}/contacts/${row.id}`} className="font-medium text-brand-800 underline-offset-4 hover:underline">
                  {contactLabel(row)}
                </Link>
              </td>
              <td className="px-4 py-3 text-slate-700">{row.name ?? <span className="text-slate-400">—</span>}</td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap gap-1">
                  {categories.map((c) => (
                    <StateBadge key={c.key} label={c.label} state={row.states[c.key]} />
                  ))}
                </div>
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatUtc(row.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
