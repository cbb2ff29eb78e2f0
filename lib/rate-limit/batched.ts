import "server-only";
import { windowOf, type RateLimitResult, type RateLimitRule } from "./limit";

/** One subject's hits to add to its shared bucket in the window starting at `windowStart`. */
export type PendingHits = { subject: string; hits: number; windowStart: Date };
/** Adds every batch entry to its shared bucket in ONE statement; returns each subject's new count. */
export type AddHits = (batch: PendingHits[]) => Promise<Map<string, number>>;

type Entry = { windowStart: number; known: number; pending: number; syncing: boolean };

/**
 * A rate limit for busy subjects (an API key making hundreds of calls a minute): each instance counts hits in
 * memory and adds them to the shared buckets in the database in the background, one statement for all subjects
 * every `syncMs`, instead of one upsert per request. A request is judged by the shared count at the last sync
 * plus this instance's hits since, and waits for the database only where that matters: the first hit of a
 * subject's window (to learn what other instances counted) and near the limit (the last tenth), where every hit
 * syncs at once so the overshoot across instances stays small. So the limit holds across instances, give or take
 * what the others counted in the last `syncMs`. A crashed instance loses at most its last `syncMs` of counts.
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

  /** The shared count after a hit the caller made in the database itself (the first request of a key). */
  seed(subject: string, count: number, now = new Date()): void {
    const { windowStart } = windowOf(this.rule, now);
    const entry = this.entries.get(subject);
    // A re-lookup of a key (its cache expired) keeps the hits still waiting for the next sync.
    if (entry && entry.windowStart === windowStart.getTime()) {
      entry.known = Math.max(entry.known, count);
      if (entry.pending > 0) this.schedule();
      return;
    }
    this.entries.set(subject, { windowStart: windowStart.getTime(), known: count, pending: 0, syncing: false });
  }

  async hit(subject: string, now = new Date()): Promise<RateLimitResult> {
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
    const nearLimit = entry.known + entry.pending > this.rule.limit * 0.9;
    if ((firstInWindow || nearLimit) && !entry.syncing) await this.sync([subject]);
    else this.schedule();
    const count = entry.known + entry.pending;
    return { allowed: count <= this.rule.limit, remaining: Math.max(0, this.rule.limit - count), retryAfterSeconds };
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
