import { z } from "zod";
import { eventChannels } from "../ledger/types";

/**
 * The contacts table's filters, kept in the URL so a filtered view can be bookmarked, shared and reloaded.
 * Anything unrecognised is dropped rather than refused: a stale link still opens, just less filtered.
 */
export const contactSorts = ["recent", "newest", "oldest"] as const;
export const categoryStates = ["opted_in", "opted_out", "never"] as const;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const contactFilterSchema = z.object({
  q: optional(z.string().trim().max(100).transform((v) => v || undefined)),
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
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return contactFilterSchema.parse(flat);
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
