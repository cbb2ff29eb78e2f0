import { z } from "zod";
import type { FieldError } from "../errors";
import { eventChannels } from "../ledger/types";
import { calendarDate } from "../validation/dates";

/**
 * The contacts table's filters, kept in the URL so a filtered view can be bookmarked, shared and reloaded.
 * Anything unrecognised is dropped rather than refused: a stale link still opens, just less filtered. Dates
 * are the exception the page must speak about: a date that is not a real day (2026-02-30) is left out of the
 * filter and named in dateProblems, for the page to say so (it would otherwise be a 500 from PostgreSQL, or a
 * view silently wider than asked).
 */
export const contactSorts = ["recent", "newest", "oldest"] as const;
export const categoryStates = ["opted_in", "opted_out", "never"] as const;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const isoDate = calendarDate();

export const contactFilterSchema = z.object({
  q: optional(
    z
      .string()
      .trim()
      .max(100)
      .transform((v) => v || undefined),
  ),
  category: optional(z.string().max(64)),
  state: optional(z.enum(categoryStates)),
  level: optional(z.enum(["single", "confirmed"])),
  channel: optional(z.enum(eventChannels)),
  form: optional(z.string().max(64)),
  from: optional(isoDate),
  to: optional(isoDate),
  sort: z.enum(contactSorts).catch("recent").default("recent"),
  after: optional(z.string().max(200)),
});

export type ContactFilter = z.output<typeof contactFilterSchema>;

export function parseContactFilter(params: Record<string, string | string[] | undefined>): ContactFilter {
  return contactFilterSchema.parse(flatten(params));
}

const dateFields = { from: "From", to: "To" } as const;

/** The date parameters given that are not real days, each with its field and a message for the page. */
export function contactFilterDateProblems(params: Record<string, string | string[] | undefined>): FieldError[] {
  const flat = flatten(params);
  return Object.entries(dateFields).flatMap(([field, label]) => {
    const value = flat[field];
    if (!value || isoDate.safeParse(value).success) return [];
    return [
      { field, code: "invalid_date", message: `${label} “${value.slice(0, 40)}” is not a real date (use YYYY-MM-DD, e.g. 2026-01-31); it was not applied.` },
    ];
  });
}

function flatten(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** The URL query for a filter, leaving out defaults so links stay short. */
export function contactFilterQuery(filter: Partial<ContactFilter>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === "" || (key === "sort" && value === "recent")) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function hasActiveFilters(filter: ContactFilter): boolean {
  return Boolean(filter.q || filter.category || filter.state || filter.level || filter.channel || filter.form || filter.from || filter.to);
}
