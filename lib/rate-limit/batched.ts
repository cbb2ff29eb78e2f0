import "server-only";
import { windowOf, type RateLimitResult, type RateLimitRule } from "./limit";

/** One subject's hits to add to its shared bucket in the window starting at `windowStart`. */
export type PendingHits = { subject: string; hits: number; windowStart: Date };
/** Adds every batch entry to its shared bucket in ONE statement; returns each subject's new count. */
export type AddHits = (batch: PendingHits[]) => Promise<Map<string, number>>;

type Entry = { windowStart: number; known: number; pending: number; syncing: boolean };

/** The share of a limit an instance may count without telling the database: its last tenth, and a tenth unsynced. */
const UNSYNCED_SHARE = 0.1;

/** How far `instances` instances together may pass `limit` in one window (see BatchedRateLimit). */
export function syncSlack(limit: number, instances: number): number {
  return (instances - 1) * Math.ceil(limit * UNSYNCED_SHARE);
}

/**
 * A rate limit for busy subjects (an API key making hundreds of calls a minute): each instance counts hits in
 * memory and adds them to the shared buckets in the database in the background, one statement for all subjects
 * every `syncMs`, instead of one upsert per request. A request is judged by the shared count at the last sync
 * plus this instance's hits since, and waits for the database only where that matters: the first hit of a
 * subject's window (to learn what other instances counted) and near the limit (the last tenth), where every hit
 * syncs at once so the overshoot across instances stays small. An instance also syncs at once when it holds a
 * tenth of the limit unsynced, so a burst on several instances inside one `syncMs` cannot go unseen: together they
 * pass the limit by at most a tenth of it for each instance beyond the first (`syncSlack`; plus, under heavy
 * concurrency, the hits that arrive while a subject's sync is under way), and by less when the others served
 * fewer than that in their last `syncMs`. A crashed instance loses at most its last `syncMs` of
 * counts. The limit may differ per subject (an API key's own): each hit names it, the rule's is the default.
 */
export class BatchedRateLimit {
  private readonly entries = new Map<string, Entry>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly rule: RateLimitRule,
    readonly syncMs: number,
    private readonly addHits: AddHits,
    private readonly onBackgroundError: (error: unknown) => void = (error) => console.error(`[rate-limit] ${rule.name}: could not sync hits`, error),
  ) {}

  /**
   * The shared count after a hit the caller made in the database itself (the first request of a key). Returns
   * the count to judge that hit by: the shared one plus this instance's hits not yet synced.
   */
  seed(subject: string, count: number, now = new Date()): number {
    const { windowStart } = windowOf(this.rule, now);
    const entry = this.entries.get(subject);
    // A re-lookup of a key (its cache expired) keeps the hits still waiting for the next sync.
    if (entry && entry.windowStart === windowStart.getTime()) {
      entry.known = Math.max(entry.known, count);
      if (entry.pending > 0) this.schedule();
      return entry.known + entry.pending;
    }
    this.entries.set(subject, { windowStart: windowStart.getTime(), known: count, pending: 0, syncing: false });
    return count;
  }

  async hit(subject: string, now = new Date(), limit = this.rule.limit): Promise<RateLimitResult> {
    const { windowStart, retryAfterSeconds } = windowOf(this.rule, now);
    let entry = this.entries.get(subject);
    let firstInWindow = false;
    if (!entry || entry.windowStart !== windowStart.getTime()) {
      firstInWindow = true;
      if (this.entries.size > 10_000) this.entries.clear();
      entry = { windowStart: windowStart.getTime(), known: 0, pending: 0, syncing: false };
      this.entries.set(subject, entry);
    }
    entry.pending += 1;
    const nearLimit = entry.known + entry.pending > limit * (1 - UNSYNCED_SHARE);
    const holdingTooMany = entry.pending >= Math.ceil(limit * UNSYNCED_SHARE);
    if ((firstInWindow || nearLimit || holdingTooMany) && !entry.syncing) await this.sync([subject]);
    else this.schedule();
    const count = entry.known + entry.pending;
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
  }

  /** Sends the pending hits of `subjects` (all, by default) in one statement; on failure they stay pending. */
  async sync(subjects: string[] = [...this.entries.keys()]): Promise<void> {
    const sending = subjects
      .map((subject) => ({ subject, entry: this.entries.get(subject)! }))
      .filter(({ entry }) => entry && entry.pending > 0 && !entry.syncing)
      .map(({ subject, entry }) => ({ subject, entry, hits: entry.pending }));
    if (sending.length === 0) return;
    for (const s of sending) {
      s.entry.pending -= s.hits;
      s.entry.syncing = true;
    }
    try {
      const counts = await this.addHits(sending.map(({ subject, entry, hits }) => ({ subject, hits, windowStart: new Date(entry.windowStart) })));
      for (const { subject, entry } of sending) entry.known = counts.get(subject) ?? entry.known;
    } catch (error) {
      for (const s of sending) s.entry.pending += s.hits;
      this.schedule();
      throw error;
    } finally {
      for (const s of sending) s.entry.syncing = false;
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sync().catch(this.onBackgroundError);
    }, this.syncMs);
    // A pending sync must not keep a process (a CLI, a test run) alive; what it would add is lost as in a crash.
    this.timer.unref?.();
  }

  /** Forgets every local count: the next hit of each subject syncs with the shared bucket. */
  clear(): void {
    this.entries.clear();
  }
}
