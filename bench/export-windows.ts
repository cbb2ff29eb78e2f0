/** Events a workspace has on one UTC day (YYYY-MM-DD), as the export's date filters count them. */
export type DayCount = { day: string; rows: number };

/** An export's `from` and `to` (both days included) and the rows between them. */
export type ExportWindow = { from: string; to: string; rows: number };

/**
 * The run of consecutive days whose events add up closest to `target`. The export filters go by whole days, so
 * this is as near to an exact row count as a user's own filters can get; on a tie the later window wins.
 */
export function closestWindow(days: DayCount[], target: number): ExportWindow {
  if (days.length === 0) throw new Error("no events to export");
  let best: { a: number; b: number; rows: number } | null = null;
  const consider = (a: number, b: number, rows: number) => {
    if (!best || Math.abs(rows - target) <= Math.abs(best.rows - target)) best = { a, b, rows };
  };
  // Two pointers: for each last day, the windows just above and just below the target are the only candidates,
  // and the first day never needs to move back (a longer window ending later is only further above it).
  let a = 0;
  let rows = 0;
  for (let b = 0; b < days.length; b++) {
    rows += days[b]!.rows;
    while (rows > target && a < b) {
      consider(a, b, rows);
      rows -= days[a]!.rows;
      a++;
    }
    consider(a, b, rows);
  }
  const { a: first, b: last, rows: total } = best!;
  return { from: days[first]!.day, to: days[last]!.day, rows: total };
}

/** Export sizes for a ledger of `events`: 1 and 2 million rows, or 20% and 40% of a ledger too small for those. */
export function exportTargets(events: number): { rows: number[]; scaled: boolean } {
  const full = [1_000_000, 2_000_000];
  if (events >= full[1]! / 0.4) return { rows: full, scaled: false };
  return { rows: [0.2, 0.4].map((f) => Math.round(f * events)), scaled: true };
}
