import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { NO_FORM } from "./fold";
import { ratingLevels, ratingLabels, type QualityThresholds, type RatingLevel } from "./quality.validation";
import { latestRatings } from "./rating";
import { readThresholds } from "./settings";

export const QUALITY_ALERT_TOPIC = "quality.alert";

export type AlertCondition = {
  key: string;
  kind: "form_opt_out" | "category_opt_out" | "rating";
  subjectId: string | null;
  title: string;
  detail: Record<string, unknown>;
};

type RateRow = { dim: "form" | "category"; id: string; name: string; recent_in: number; recent_out: number; base_in: number; base_out: number };

const pct = (n: number) => Math.round(n * 1000) / 10;

/**
 * Opt-out rate jumps: per form (opt-outs of the people it brought) and per category, the rate of the last 7 days
 * (today included) against the 28 days before. A new form has no earlier opt-ins, so its first week is measured
 * against 0: a form whose people leave at once is flagged in its first week.
 */
export function optOutConditions(rows: RateRow[], thresholds: QualityThresholds): AlertCondition[] {
  return rows.flatMap((r) => {
    if (r.recent_in < thresholds.minOptIns) return [];
    const recent = r.recent_out / r.recent_in;
    const before = r.base_in > 0 ? r.base_out / r.base_in : 0;
    if ((recent - before) * 100 < thresholds.optOutJumpPoints) return [];
    const what = r.dim === "form" ? `form “${r.name}”` : `category “${r.name}”`;
    return [
      {
        key: `${r.dim}_opt_out:${r.id}`,
        kind: r.dim === "form" ? ("form_opt_out" as const) : ("category_opt_out" as const),
        subjectId: r.id,
        title: `Opt-outs jumped for the ${what}: ${pct(recent)}% in the last 7 days (before: ${pct(before)}%)`,
        detail: {
          subject: r.dim,
          name: r.name,
          optInsLast7Days: r.recent_in,
          optOutsLast7Days: r.recent_out,
          rateLast7Days: pct(recent),
          ratePrevious28Days: pct(before),
          thresholdPoints: thresholds.optOutJumpPoints,
        },
      },
    ];
  });
}

/** The rating at or below the level the workspace alerts on; each level is its own condition, so red after yellow alerts again. */
export function ratingCondition(latest: RatingLevel[], thresholds: QualityThresholds): AlertCondition[] {
  const [current, previous] = latest;
  if (!current || thresholds.ratingAlertLevel === "off") return [];
  if (ratingLevels.indexOf(current) < ratingLevels.indexOf(thresholds.ratingAlertLevel)) return [];
  return [
    {
      key: `rating:${current}`,
      kind: "rating",
      subjectId: null,
      title: `WhatsApp quality rating is ${ratingLabels[current]}${previous ? ` (was ${ratingLabels[previous]})` : ""}`,
      detail: { rating: current, previousRating: previous ?? null, alertLevel: thresholds.ratingAlertLevel },
    },
  ];
}

async function optOutRates(db: DbOrTx, workspaceId: string, today: string): Promise<RateRow[]> {
  return queryRows<RateRow>(
    db,
    sql`with recent as (
        select form_id, category_id, day > ${today}::date - 7 as last7, opt_ins, opt_outs from quality_daily
        where workspace_id = ${workspaceId} and day > ${today}::date - 35)
      select 'form' as dim, f.id, f.name,
        coalesce(sum(r.opt_ins) filter (where r.last7), 0)::int as recent_in, coalesce(sum(r.opt_outs) filter (where r.last7), 0)::int as recent_out,
        coalesce(sum(r.opt_ins) filter (where not r.last7), 0)::int as base_in, coalesce(sum(r.opt_outs) filter (where not r.last7), 0)::int as base_out
      from recent r join forms f on f.id = r.form_id and f.workspace_id = ${workspaceId}
      where r.form_id <> ${NO_FORM}::uuid group by f.id, f.name
      union all
      select 'category', c.id, c.label,
        coalesce(sum(r.opt_ins) filter (where r.last7), 0)::int, coalesce(sum(r.opt_outs) filter (where r.last7), 0)::int,
        coalesce(sum(r.opt_ins) filter (where not r.last7), 0)::int, coalesce(sum(r.opt_outs) filter (where not r.last7), 0)::int
      from recent r join message_categories c on c.id = r.category_id and c.workspace_id = ${workspaceId}
      group by c.id, c.label`,
  );
}

/**
 * Works out which alert conditions hold now and, in one transaction: clears the open alerts whose condition no
 * longer holds, raises each new condition once (the partial unique index keeps one open alert per condition,
 * even with several instances evaluating at once) and queues its quality.alert webhook in the outbox, where the
 * existing dispatch and delivery take it.
 */
export async function evaluateAlerts(db: DbOrTx, workspace: { id: string; slug: string }, now = new Date()): Promise<{ raised: number; cleared: number }> {
  const thresholds = await readThresholds(db, workspace.id);
  const conditions = [
    ...optOutConditions(await optOutRates(db, workspace.id, now.toISOString().slice(0, 10)), thresholds),
    ...ratingCondition(await latestRatings(db, workspace.id), thresholds),
  ];
  return db.transaction(async (tx) => {
    const keys = conditions.map((c) => c.key);
    const cleared = await queryRows<{ id: string }>(
      tx,
      sql`update quality_alerts set cleared_at = now()
        where workspace_id = ${workspace.id} and cleared_at is null
          ${
            keys.length
              ? sql`and condition_key not in (${sql.join(
                  keys.map((k) => sql`${k}`),
                  sql`, `,
                )})`
              : sql``
          }
        returning id`,
    );
    let raised = 0;
    for (const c of conditions) {
      const [row] = await queryRows<{ id: string; raised_at: Date | string }>(
        tx,
        sql`insert into quality_alerts (workspace_id, kind, condition_key, subject_id, title, detail)
          values (${workspace.id}, ${c.kind}, ${c.key}, ${c.subjectId}, ${c.title}, ${JSON.stringify(c.detail)}::jsonb)
          on conflict (workspace_id, condition_key) where cleared_at is null do nothing
          returning id, raised_at`,
      );
      if (!row) continue;
      raised += 1;
      const payload = {
        alertId: row.id,
        workspace: workspace.slug,
        kind: c.kind,
        title: c.title,
        detail: c.detail,
        raisedAt: new Date(row.raised_at).toISOString(),
      };
      await tx.execute(
        sql`insert into outbox (workspace_id, topic, payload) values (${workspace.id}, ${QUALITY_ALERT_TOPIC}, ${JSON.stringify(payload)}::jsonb)`,
      );
    }
    await tx.execute(sql`update quality_fold_state set alerts_checked_at = now() where workspace_id = ${workspace.id}`);
    return { raised, cleared: cleared.length };
  });
}

export type OpenAlert = { id: string; kind: string; title: string; raisedAt: Date; acknowledgedAt: Date | null };

/** Alerts whose condition still holds, newest first; acknowledged ones stay listed (greyed) until they clear. */
export async function listOpenAlerts(db: DbOrTx, workspaceId: string): Promise<OpenAlert[]> {
  const rows = await queryRows<{ id: string; kind: string; title: string; raised_at: Date | string; acknowledged_at: Date | string | null }>(
    db,
    sql`select id, kind, title, raised_at, acknowledged_at from quality_alerts
      where workspace_id = ${workspaceId} and cleared_at is null order by raised_at desc limit 20`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    raisedAt: new Date(r.raised_at),
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
  }));
}
