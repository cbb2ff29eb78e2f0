import Link from "next/link";
import { contactLabel } from "@/lib/contacts/labels";
import type { ContactRow } from "@/lib/contacts/queries";
import { DataTable } from "@/components/ui/data-table";
import { StateBadge } from "./state-badge";

type Props = { slug: string; rows: ContactRow[]; categories: { key: string; label: string }[] };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatUtc(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

// On a phone each row is a card (number and name on a line, every badge below, the date last): a table would
// cut the badges off at the screen's edge. The columns' names stay for screen readers.
const stackOnPhone = "max-sm:[&_table]:block max-sm:[&_tbody]:block max-sm:[&_thead]:sr-only max-sm:[&_td]:!py-1";

export function ContactsTable({ slug, rows, categories }: Props) {
  return (
    <DataTable
      caption="Contacts and their state per message category"
      columns={["Phone", "Name", "Consent by category", "Last change"]}
      className={stackOnPhone}
    >
      {rows.map((row) => (
        <tr key={row.id} className="hover:bg-slate-50 max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:py-2">
          <td className="whitespace-nowrap font-mono">
            <Link prefetch={false} href={`/${slug}/contacts/${row.id}`} className="font-medium text-brand-800 underline-offset-4 hover:underline">
              {contactLabel(row)}
            </Link>
          </td>
          <td className="text-slate-700">{row.name ?? <span className="text-slate-400">—</span>}</td>
          <td className="max-sm:w-full">
            <div className="flex flex-wrap gap-1">
              {categories.map((c) => (
                <StateBadge key={c.key} label={c.label} state={row.states[c.key]} />
              ))}
            </div>
          </td>
          <td className="whitespace-nowrap text-slate-600 max-sm:w-full max-sm:text-xs">{formatUtc(row.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
