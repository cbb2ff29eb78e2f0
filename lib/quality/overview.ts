import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { NO_FORM } from "./fold";
import { readRatingTimeline, type RatingPoint } from "./rating";

export const periods = [30, 90, 365] as const;
export const granularities = ["day", "week"] as const;
export const splits = ["channel", "form", "category"] as const;
export type OverviewParams = { days: (typeof periods)[number]; by: (typeof granularities)[number]; split: (typeof splits)[number] };

/** The page's choices from its query string; anything unknown falls back to the default. */
export function overviewParams(sp: Record<string, string | undefined>): OverviewParams {
  const days = periods.find((d) => String(d) === sp.days) ?? 90;
  const by = granularities.find((g) => g === sp.by) ?? (days > 90 ? "week" : "day");
  const split = splits.find((s) => s === sp.split) ?? "channel";
  return { days, by, split };
}

export type SeriesRow = { bucket: string; key: string; optIns: number; optOuts: number };
export type RateRow = { name: string; optIns: number; optOuts: number; optOuts7d: number; optOuts30d: number };
export type FormRow = RateRow & {
  formId: string;
  channel: string;
  confirmAsked: number;
  confirms: number;
  views: number;
  submissions: number;
  /** Submissions on days whose views were counted: conversion's numerator, so history from before view counting began (seeded, imported or upgraded data) cannot push it past 100%. */
  viewedSubmissions: number;
};
export type Marker = { at: string; label: string };

export type Overview = {
  from: string;
  /** Every day (or week, by its Monday) of the period, oldest first, whether or not anything happened in it: the charts' axis. */
  buckets: string[];
  series: SeriesRow[];
  categories: RateRow[];
  forms: FormRow[];
  rating: RatingPoint[];
  markers: Marker[];
};

const splitLabel = {
  channel: sql`q.channel::text`,
  form: sql`coalesce(f.name, 'No form')`,
  category: sql`c.label`,
} as const;

const DAY = 86_400_000;

/**
 * The buckets from `from` to `now`'s day, as the series query names them: a day's date, or the Monday that
 * date_trunc('week') starts its week on.
 */
export function periodBuckets(from: Date, now: Date, by: OverviewParams["by"]): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  if (by === "week") t -= ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  const step = by === "week" ? 7 * DAY : DAY;
  const buckets: string[] = [];
  for (; t <= today; t += step) buckets.push(new Date(t).toISOString().slice(0, 10));
  return buckets;
}

/** Everything the home page shows, read from the rollups only (never the ledger), for the last `days` days. */
export async function readOverview(db: DbOrTx, workspaceId: string, params: OverviewParams, now = new Date()): Promise<Overview> {
  const fromDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (params.days - 1)));
  const from = fromDate.toISOString().slice(0, 10);
  const unit = params.by === "week" ? sql.raw(`'week'`) : sql.raw(`'day'`);
  const [series, categories, forms, rating, markers] = await Promise.all([
    queryRows<SeriesRow>(
      db,
      sql`select to_char(date_trunc(${unit}, q.day::timestamp), 'YYYY-MM-DD') as bucket, ${splitLabel[params.split]} as key,
          sum(q.opt_ins)::int as "optIns", sum(q.opt_outs)::int as "optOuts"
        from quality_daily q
          left join forms f on f.id = q.form_id and f.workspace_id = q.workspace_id
          join message_categories c on c.id = q.category_id and c.workspace_id = q.workspace_id
        where q.workspace_id = ${workspaceId} and q.day >= ${from}::date
        group by 1, 2 order by 1, 2`,
    ),
    queryRows<RateRow>(
      db,
      sql`select c.label as name, sum(q.opt_ins)::int as "optIns", sum(q.opt_outs)::int as "optOuts",
          sum(q.opt_outs_7d)::int as "optOuts7d", sum(q.opt_outs_30d)::int as "optOuts30d"
        from quality_daily q join message_categories c on c.id = q.category_id and c.workspace_id = q.workspace_id
        where q.workspace_id = ${workspaceId} and q.day >= ${from}::date
        group by c.id, c.label, c.position order by c.position, c.label`,
    ),
    queryRows<FormRow>(
      db,
      sql`with rolled as (
          select form_id, sum(opt_ins)::int as opt_ins, sum(opt_outs)::int as opt_outs, sum(opt_outs_7d)::int as o7,
            sum(opt_outs_30d)::int as o30, sum(opt_ins_confirm_asked)::int as asked, sum(confirms)::int as confirms
          from quality_daily where workspace_id = ${workspaceId} and day >= ${from}::date and form_id <> ${NO_FORM}::uuid
          group by form_id),
        visits as (
          select form_id, sum(views)::int as views, sum(submissions)::int as submissions,
            coalesce(sum(submissions) filter (where views > 0), 0)::int as viewed_submissions
          from quality_form_daily where workspace_id = ${workspaceId} and day >= ${from}::date group by form_id)
        select f.id as "formId", f.name, f.channel::text as channel, coalesce(r.opt_ins, 0) as "optIns", coalesce(r.opt_outs, 0) as "optOuts",
          coalesce(r.o7, 0) as "optOuts7d", coalesce(r.o30, 0) as "optOuts30d", coalesce(r.asked, 0) as "confirmAsked",
          coalesce(r.confirms, 0) as confirms, coalesce(v.views, 0) as views, coalesce(v.submissions, 0) as submissions,
          coalesce(v.viewed_submissions, 0) as "viewedSubmissions"
        from forms f left join rolled r on r.form_id = f.id left join visits v on v.form_id = f.id
        where f.workspace_id = ${workspaceId} and (r.form_id is not null or v.form_id is not null or f.status = 'published')
        order by coalesce(r.opt_ins, 0) desc, f.name`,
    ),
    readRatingTimeline(db, workspaceId, fromDate),
    queryRows<{ at: Date | string; name: string; version: number; channel: string }>(
      db,
      sql`select v.published_at as at, f.name, v.version, v.channel::text as channel
        from form_versions v join forms f on f.id = v.form_id
        where v.workspace_id = ${workspaceId} and v.published_at >= ${fromDate} order by v.published_at`,
    ),
  ]);
  return {
    from,
    buckets: periodBuckets(fromDate, now, params.by),
    series,
    categories,
    forms,
    rating,
    markers: markers.map((m) => ({ at: new Date(m.at).toISOString(), label: `${m.name} v${m.version} published (${m.channel})` })),
  };
}
