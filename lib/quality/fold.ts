import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";

/** The form id of rollup rows that no form brought in (an opt-out with no opt-in before it, an API opt-in). */
export const NO_FORM = "00000000-0000-0000-0000-000000000000";

const BATCH = 50_000;
const HOLDER_WAIT_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The highest ledger position below which no event can still appear. Positions come from one sequence, so an
 * append that drew a lower position than the newest visible event may not have committed yet; any such append
 * holds its ROW EXCLUSIVE lock on consent_events from before the newest event committed. So: read the newest
 * position, then wait for the appends holding that lock at that moment (only those: appends starting later draw
 * higher positions) to finish. Appends are never blocked by this, unlike a table lock. Null when one of them
 * is still running after a couple of seconds (a stuck transaction): nothing is safe to fold this time.
 */
export async function safeFoldHorizon(db: DbOrTx, workspaceId: string): Promise<number | null> {
  const [top] = await queryRows<{ position: string | null }>(
    db,
    sql`select max(position)::text as position from consent_events where workspace_id = ${workspaceId}`,
  );
  const horizon = Number(top?.position ?? 0);
  const holders = sql`select virtualtransaction from pg_locks
    where locktype = 'relation' and relation = 'consent_events'::regclass and mode = 'RowExclusiveLock' and pid is distinct from pg_backend_pid()`;
  const waitFor = (await queryRows<{ virtualtransaction: string }>(db, holders)).map((r) => r.virtualtransaction);
  const deadline = Date.now() + HOLDER_WAIT_MS;
  let pending = waitFor;
  while (pending.length > 0) {
    if (Date.now() > deadline) return null;
    await sleep(5);
    const still = new Set((await queryRows<{ virtualtransaction: string }>(db, holders)).map((r) => r.virtualtransaction));
    pending = pending.filter((v) => still.has(v));
  }
  return horizon;
}

export type FoldResult = { folded: number; position: number; busy: boolean };

/**
 * Folds the workspace's events after its watermark, up to `horizon`, into the day-bucketed rollups, in ONE
 * statement that also moves the watermark, so the rollups and the watermark can never disagree. The watermark
 * row is locked first: with `wait: false` (the background worker) a workspace another instance is folding is
 * skipped; with `wait: true` (a page about to read) it waits, then folds whatever is left.
 *
 * Per event it looks up, through the contact's chain (unique index on contact and seq), the latest earlier
 * opt-in or opt-out of the same category: an opt-out or confirmation that follows an opt-in counts against that
 * opt-in's form and channel, and an opt-out within 7 or 30 days of it counts as regret.
 */
export async function foldBatch(db: DbOrTx, workspaceId: string, horizon: number, options: { wait: boolean; batch?: number }): Promise<FoldResult> {
  const batch = options.batch ?? BATCH;
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into quality_fold_state (workspace_id) values (${workspaceId}) on conflict do nothing`);
    const lockClause = options.wait ? sql`for update` : sql`for update skip locked`;
    const [state] = await queryRows<{ position: string }>(
      tx,
      sql`select position::text from quality_fold_state where workspace_id = ${workspaceId} ${lockClause}`,
    );
    if (!state) return { folded: 0, position: 0, busy: true };
    const from = Number(state.position);
    if (from >= horizon) return { folded: 0, position: from, busy: false };
    const [row] = await queryRows<{ folded: number; last: string | null }>(
      tx,
      sql`with ev as (
          select e.position, e.contact_id, e.seq, e.command_id, e.category_id, e.action, e.channel, e.form_version_id,
            e.occurred_at, e.evidence
          from consent_events e
          where e.workspace_id = ${workspaceId} and e.position > ${from} and e.position <= ${horizon}
          order by e.position limit ${batch}),
        enriched as (
          select ev.*, (ev.occurred_at at time zone 'UTC')::date as day, prev.action as prev_action,
            prev.occurred_at as prev_at, prev.channel as prev_channel, prev.form_version_id as prev_form_version_id
          from ev left join lateral (
            select p.action, p.occurred_at, p.channel, p.form_version_id from consent_events p
            where p.contact_id = ev.contact_id and p.seq < ev.seq and p.category_id = ev.category_id and p.action <> 'confirm'
            order by p.seq desc limit 1) prev on ev.action <> 'opt_in'),
        attributed as (
          select en.*,
            case when en.action = 'opt_in' then en.form_version_id
                 when en.prev_action = 'opt_in' then en.prev_form_version_id end as source_version,
            case when en.action <> 'opt_in' and en.prev_action = 'opt_in' then en.prev_channel else en.channel end as source_channel,
            en.action = 'opt_out' and en.prev_action = 'opt_in' and en.occurred_at - en.prev_at <= interval '7 days' as regret7,
            en.action = 'opt_out' and en.prev_action = 'opt_in' and en.occurred_at - en.prev_at <= interval '30 days' as regret30
          from enriched en),
        rolled as (
          insert into quality_daily as q (workspace_id, day, category_id, form_id, channel, opt_ins, opt_ins_confirm_asked, confirms, opt_outs, opt_outs_7d, opt_outs_30d)
          select ${workspaceId}::uuid, a.day, a.category_id, coalesce(fv.form_id, ${NO_FORM}::uuid), a.source_channel,
            count(*) filter (where a.action = 'opt_in'),
            count(*) filter (where a.action = 'opt_in' and coalesce((fv.content->>'askConfirmation')::boolean, false)),
            count(*) filter (where a.action = 'confirm' and a.prev_action = 'opt_in'),
            count(*) filter (where a.action = 'opt_out'),
            count(*) filter (where a.regret7),
            count(*) filter (where a.regret30)
          from attributed a left join form_versions fv on fv.id = a.source_version
          group by 1, 2, 3, 4, 5
          on conflict (workspace_id, day, category_id, form_id, channel) do update set
            opt_ins = q.opt_ins + excluded.opt_ins,
            opt_ins_confirm_asked = q.opt_ins_confirm_asked + excluded.opt_ins_confirm_asked,
            confirms = q.confirms + excluded.confirms,
            opt_outs = q.opt_outs + excluded.opt_outs,
            opt_outs_7d = q.opt_outs_7d + excluded.opt_outs_7d,
            opt_outs_30d = q.opt_outs_30d + excluded.opt_outs_30d),
        submitted as (
          insert into quality_form_daily as s (workspace_id, form_id, day, submissions)
          select ${workspaceId}::uuid, fv.form_id, ev.day, count(*)
          from enriched ev join form_versions fv on fv.id = ev.form_version_id
          where ev.action = 'opt_in' and ev.channel = 'web' and position('/p/link#' in coalesce(ev.evidence->>'pageUrl', '')) = 0
            and not exists (select 1 from consent_events c where c.contact_id = ev.contact_id and c.seq = ev.seq - 1 and c.command_id = ev.command_id)
          group by fv.form_id, ev.day
          on conflict (workspace_id, form_id, day) do update set submissions = s.submissions + excluded.submissions),
        counted as (select count(*)::int as folded, max(position) as last from ev),
        moved as (
          update quality_fold_state set updated_at = now(),
            position = case when (select folded from counted) >= ${batch} then (select last from counted) else ${horizon}::bigint end
          where workspace_id = ${workspaceId})
        select folded, last::text from counted`,
    );
    const folded = row?.folded ?? 0;
    return { folded, position: folded >= batch ? Number(row!.last) : horizon, busy: false };
  });
}

/**
 * Brings a workspace's rollups up to date with every committed event: the worker calls it with wait false,
 * the home page with wait true right before it reads. Returns how many events were folded.
 */
export async function foldWorkspace(db: DbOrTx, workspaceId: string, options: { wait: boolean; batch?: number }): Promise<{ folded: number; busy: boolean }> {
  const horizon = await safeFoldHorizon(db, workspaceId);
  if (horizon === null) return { folded: 0, busy: true };
  let folded = 0;
  for (;;) {
    const result = await foldBatch(db, workspaceId, horizon, options);
    folded += result.folded;
    if (result.busy) return { folded, busy: true };
    if (result.position >= horizon) return { folded, busy: false };
  }
}
