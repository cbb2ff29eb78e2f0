import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

// Views of hosted forms are counted in memory and flushed every few seconds by the quality worker, so a page view
// costs no database write and no hot row. A crash loses the last few seconds of view counts: views are a
// conversion figure, not consent, and that loss is accepted. Nothing about the visitor is kept, not even in memory.
// On globalThis so the page's module and the worker's share one counter even where the bundler loads them apart.
const slot = globalThis as typeof globalThis & { assentFormViews?: Map<string, number> };
const counts = () => (slot.assentFormViews ??= new Map());

export function countFormView(workspaceId: string, formId: string, at = new Date()): void {
  const key = `${workspaceId}|${formId}|${at.toISOString().slice(0, 10)}`;
  counts().set(key, (counts().get(key) ?? 0) + 1);
}

/** Adds the counted views to the daily rows in one statement; on failure they are put back for the next flush. */
export async function flushFormViews(db: DbOrTx): Promise<number> {
  const pending = [...counts().entries()];
  if (pending.length === 0) return 0;
  counts().clear();
  try {
    const values = sql.join(
      pending.map(([key, n]) => {
        const [workspaceId, formId, day] = key.split("|");
        return sql`(${workspaceId}::uuid, ${formId}::uuid, ${day}::date, ${n}::int)`;
      }),
      sql`, `,
    );
    await db.execute(sql`insert into quality_form_daily as d (workspace_id, form_id, day, views) values ${values}
      on conflict (workspace_id, form_id, day) do update set views = d.views + excluded.views`);
  } catch (error) {
    for (const [key, n] of pending) counts().set(key, (counts().get(key) ?? 0) + n);
    throw error;
  }
  return pending.reduce((total, [, n]) => total + n, 0);
}
