import { z } from "zod";
import { consentActions, eventChannels } from "../ledger/types";
import { calendarDate } from "../validation/dates";

/**
 * What an export may be narrowed to, as URL parameters: the same names the contacts filters use, so a view
 * and its export read alike. Bad values are refused (an export must never silently widen).
 */
const isoDate = calendarDate();
const blank = (v: unknown) => (v === "" ? undefined : v);

export const exportFilterSchema = z.object({
  format: z.enum(["csv", "jsonl"], { message: "choose CSV or JSON Lines" }).default("csv"),
  category: z.preprocess(blank, z.string().max(64).optional()),
  channel: z.preprocess(blank, z.enum(eventChannels, { message: "unknown channel" }).optional()),
  action: z.preprocess(blank, z.enum(consentActions, { message: "unknown action" }).optional()),
  form: z.preprocess(blank, z.string().max(64).optional()),
  from: z.preprocess(blank, isoDate.optional()),
  to: z.preprocess(blank, isoDate.optional()),
});

export type ExportParams = z.output<typeof exportFilterSchema>;

export function exportParamsQuery(params: Partial<ExportParams>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, String(v));
  return q.toString();
}
