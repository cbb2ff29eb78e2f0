import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import type { RatingLevel } from "./quality.validation";

export type RatingPoint = {
  at: string;
  /** Null when the notice changed only the messaging limit: the rating stays what it was. */
  rating: RatingLevel | null;
  limit: string | null;
  source: "webhook" | "manual";
  what: string;
};

/**
 * Meta's phone_number_quality_update says FLAGGED when the number's rating falls to low and UNFLAGGED when it
 * recovers; UPGRADE and DOWNGRADE move the messaging limit. Medium (yellow) is not notified: staff enter it by hand.
 */
const webhookRating = (event: string): RatingLevel | null => (event === "FLAGGED" ? "red" : event === "UNFLAGGED" ? "green" : null);

/** The number's rating and limit over time, from the webhook and manual entries, oldest first, since `from`. */
export async function readRatingTimeline(db: DbOrTx, workspaceId: string, from: Date): Promise<RatingPoint[]> {
  const rows = await queryRows<{
    at: Date | string;
    event: string | null;
    rating: string | null;
    limit: string | null;
    source: "webhook" | "manual";
    note: string | null;
  }>(
    db,
    sql`select received_at as at, event, null as rating, current_limit as limit, 'webhook' as source, null as note
        from whatsapp_quality_updates where workspace_id = ${workspaceId} and received_at >= ${from}
      union all
      select observed_at, null, rating, messaging_limit, 'manual', note
        from quality_rating_entries where workspace_id = ${workspaceId} and observed_at >= ${from}
      order by 1`,
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    rating: (r.rating as RatingLevel | null) ?? (r.event ? webhookRating(r.event) : null),
    limit: r.limit,
    source: r.source,
    what: r.source === "manual" ? `Entered by staff${r.note ? `: ${r.note}` : ""}` : `WhatsApp notice ${r.event}`,
  }));
}

/** The latest known rating, and the one before it, whenever they were recorded. */
export async function latestRatings(db: DbOrTx, workspaceId: string): Promise<RatingLevel[]> {
  const points = await readRatingTimeline(db, workspaceId, new Date(0));
  return points
    .flatMap((p) => (p.rating ? [p.rating] : []))
    .reverse()
    .slice(0, 2);
}
