import Link from "next/link";
import type { ContactFilter } from "@/lib/contacts/filters";
import { channelLabels, stateLabels } from "@/lib/contacts/labels";
import { eventChannels } from "@/lib/ledger/types";

type Option = { value: string; label: string };
type Props = {
  slug: string;
  filter: ContactFilter;
  categories: Option[];
  forms: Option[];
};

const selectClass = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";
const labelClass = "block text-xs font-medium uppercase tracking-wide text-slate-500";

function Select({ name, label, value, options, any }: { name: string; label: string; value?: string; options: Option[]; any: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={selectClass}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: the filters land in the URL, so views can be bookmarked and it works without JavaScript. */
export function ContactsFilters({ slug, filter, categories, forms }: Props) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the form itself is the search landmark; <search> would wrap it in one more element
    <form method="get" action={`/${slug}/contacts`} className="rounded-xl border border-slate-200 bg-white p-4" role="search" aria-label="Filter contacts">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="filter-q" className={labelClass}>
            Search
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={filter.q ?? ""}
            placeholder="Phone number in any format, or the start of a name"
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-base"
          />
        </div>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Search
        </button>
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-8">
        <Select name="category" label="Category" value={filter.category} options={categories} any="Any category" />
        <Select
          name="state"
          label="State"
          value={filter.state}
          options={Object.entries(stateLabels).map(([value, label]) => ({ value, label }))}
          any="Any state"
        />
        <Select
          name="level"
          label="Opt-in level"
          value={filter.level}
          options={[
            { value: "single", label: "Single" },
            { value: "confirmed", label: "Confirmed" },
          ]}
          any="Any level"
        />
        <Select
          name="channel"
          label="Channel"
          value={filter.channel}
          options={eventChannels.map((c) => ({ value: c, label: channelLabels[c] }))}
          any="Any channel"
        />
        <Select name="form" label="Form" value={filter.form} options={forms} any="Any form" />
        <div>
          <label htmlFor="filter-from" className={labelClass}>
            First seen from
          </label>
          <input id="filter-from" name="from" type="date" defaultValue={filter.from ?? ""} className={selectClass} />
        </div>
        <div>
          <label htmlFor="filter-to" className={labelClass}>
            First seen to
          </label>
          <input id="filter-to" name="to" type="date" defaultValue={filter.to ?? ""} className={selectClass} />
        </div>
        <Select
          name="sort"
          label="Sort"
          value={filter.sort === "recent" ? undefined : filter.sort}
          options={[
            { value: "newest", label: "Newest first" },
            { value: "oldest", label: "Oldest first" },
          ]}
          any="Recently changed"
        />
      </div>
      <div className="mt-3 flex justify-end">
        <Link href={`/${slug}/contacts`} className="text-sm text-slate-600 underline-offset-4 hover:underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
