import { channelLabels } from "@/lib/contacts/labels";
import type { EventChannel } from "@/lib/ledger/types";
import type { FormRow, Overview, OverviewParams, RateRow } from "@/lib/quality/overview";
import { messagingLimitLabels, ratingLabels } from "@/lib/quality/quality.validation";
import { ChartFrame } from "./chart-frame";
import { RateChart, RatingChart, VolumeChart } from "./charts";
import { percent } from "./format";

const noOptInsYet =
  "Nothing recorded in this period yet. Start by sharing a form (Forms → Share), importing a list (Contacts → Import) or recording a paper form.";

const splitNames = { channel: "channel", form: "form", category: "category" } as const;

function keyLabel(split: OverviewParams["split"], key: string): string {
  return split === "channel" ? (channelLabels[key as EventChannel] ?? key) : key;
}

/** Opt-ins and opt-outs per day or week, split by channel, form or category: two stacked bar charts. */
export function VolumeSections({ overview, params }: { overview: Overview; params: OverviewParams }) {
  const keys = [...new Set(overview.series.map((r) => keyLabel(params.split, r.key)))];
  // The whole period on the axis: a quiet day is a gap, not a missing day that lets one day's bar fill the chart.
  const buckets = overview.buckets;
  const pivot = (metric: "optIns" | "optOuts") =>
    buckets.map((bucket) => {
      const row: { bucket: string } & Record<string, number | string> = { bucket };
      for (const k of keys) row[k] = 0;
      for (const r of overview.series) if (r.bucket === bucket) row[keyLabel(params.split, r.key)] = (row[keyLabel(params.split, r.key)] as number) + r[metric];
      return row;
    });
  const unit = params.by === "week" ? "Week of" : "Day";
  const rows = (metric: "optIns" | "optOuts") => overview.series.filter((r) => r[metric] > 0).map((r) => [r.bucket, keyLabel(params.split, r.key), r[metric]]);
  const columns = [
    { label: unit },
    { label: splitNames[params.split][0]!.toUpperCase() + splitNames[params.split].slice(1) },
    { label: "Count", numeric: true },
  ];
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartFrame
        id="opt-ins"
        title={`Opt-ins by ${splitNames[params.split]}`}
        description={`Per ${params.by}, one event per category.`}
        columns={columns}
        rows={rows("optIns")}
        csvName="opt-ins"
        empty={noOptInsYet}
      >
        <VolumeChart data={pivot("optIns")} keys={keys} />
      </ChartFrame>
      <ChartFrame
        id="opt-outs"
        title={`Opt-outs by ${splitNames[params.split]}`}
        description="Counted against the form and channel that brought the person in."
        columns={columns}
        rows={rows("optOuts")}
        csvName="opt-outs"
        empty="No opt-outs in this period. People opt out by replying STOP, in the preference centre, or by asking your staff."
      >
        <VolumeChart data={pivot("optOuts")} keys={keys} />
      </ChartFrame>
    </div>
  );
}

const rateColumns = [
  { label: "Name" },
  { label: "Opt-ins", numeric: true },
  { label: "Opt-outs", numeric: true },
  { label: "Opt-out rate", numeric: true },
  { label: "Within 7 days", numeric: true },
  { label: "Within 30 days", numeric: true },
];

const rateRow = (r: RateRow) => [r.name, r.optIns, r.optOuts, percent(r.optOuts, r.optIns), percent(r.optOuts7d, r.optIns), percent(r.optOuts30d, r.optIns)];
const rateBar = (r: RateRow) => {
  const p = (n: number) => (r.optIns > 0 ? Math.round((n / r.optIns) * 1000) / 10 : 0);
  return { name: r.name, "Opt-out rate": p(r.optOuts), "Within 7 days": p(r.optOuts7d), "Within 30 days": p(r.optOuts30d) };
};

/** Opt-out rate per category and per form, and the share who left within 7 and 30 days of opting in. */
export function RateSections({ overview }: { overview: Overview }) {
  const forms = overview.forms.filter((f) => f.optIns > 0 || f.optOuts > 0);
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartFrame
        id="category-rates"
        title="Opt-out rate per category"
        description="Opt-outs over opt-ins in the period; “within 7 days” are people who left within a week of opting in."
        columns={rateColumns}
        rows={overview.categories.map(rateRow)}
        csvName="opt-out-rate-per-category"
        empty={noOptInsYet}
      >
        <RateChart data={overview.categories.map(rateBar)} />
      </ChartFrame>
      <ChartFrame
        id="form-rates"
        title="Opt-out rate per form"
        description="Which forms bring people who stay."
        columns={rateColumns}
        rows={forms.map(rateRow)}
        csvName="opt-out-rate-per-form"
        empty={noOptInsYet}
      >
        <RateChart data={forms.map(rateBar)} />
      </ChartFrame>
    </div>
  );
}

/** Per form: confirmation rate where it asks for confirmation, and hosted page views to submissions. */
export function FormFunnelTable({ forms }: { forms: FormRow[] }) {
  const columns = [
    { label: "Form" },
    { label: "Channel" },
    { label: "Page views", numeric: true },
    { label: "Submissions", numeric: true },
    { label: "Conversion", numeric: true },
    { label: "Confirmation asked", numeric: true },
    { label: "Confirmed", numeric: true },
    { label: "Confirmation rate", numeric: true },
  ];
  const rows = forms.map((f) => [
    f.name,
    channelLabels[f.channel as EventChannel] ?? f.channel,
    f.channel === "web" ? f.views : "—",
    f.submissions,
    f.channel === "web" ? percent(f.viewedSubmissions, f.views) : "—",
    f.confirmAsked,
    f.confirms,
    percent(f.confirms, f.confirmAsked),
  ]);
  return (
    <ChartFrame
      id="form-funnel"
      title="Forms: conversion and confirmation"
      description="Views of hosted pages are counted without cookies or anything about the visitor. Conversion counts only days on which views were counted. Confirmation rate only where the form asks for it."
      columns={columns}
      rows={rows}
      csvName="form-conversion"
      empty="No published forms yet. Create one under Forms, publish it and share its link; its views, sign-ups and confirmations show here."
    />
  );
}

const firstRating = "Subscribe the WhatsApp webhook to phone_number_quality_update, or record what WhatsApp Manager shows below.";

/** The WhatsApp quality rating over time, with form publications marked. */
export function RatingSection({ overview, today }: { overview: Overview; today: string }) {
  const entries = [
    ...overview.rating.map((p) => ({
      at: p.at,
      what: p.rating ? ratingLabels[p.rating] : "—",
      limit: p.limit ? (messagingLimitLabels[p.limit] ?? p.limit) : "—",
      source: p.what,
    })),
    ...overview.markers.map((m) => ({ at: m.at, what: "▲ Published", limit: "", source: m.label })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const rated = overview.rating.some((p) => p.rating);
  return (
    <ChartFrame
      id="rating"
      title="WhatsApp quality rating"
      description="From Meta's quality notices and ratings entered by hand; ▲ marks a form version published, so you can see whether a new method moved the rating."
      columns={[{ label: "When (UTC)" }, { label: "Rating" }, { label: "Messaging limit" }, { label: "Source" }]}
      rows={entries.map((e) => [e.at.slice(0, 16).replace("T", " "), e.what, e.limit, e.source])}
      csvName="quality-rating"
      empty={`No rating yet in this period. ${firstRating}`}
      note={rated ? undefined : `No rating yet: the table lists only form publications. ${firstRating}`}
    >
      {/* Without a rating there is no line to draw: the note and the publications' table say so instead of an empty frame. */}
      {rated && <RatingChart points={overview.rating} markers={overview.markers} from={`${overview.from}T00:00:00Z`} to={`${today}T23:59:59Z`} />}
    </ChartFrame>
  );
}
