import "server-only";
import { windowOf, type RateLimitResult, type RateLimitRule } from "./limit";

/** Adds `hits` to the shared bucket of `subject` in the window starting at `windowStart`; returns its new count. */
export type AddHits = (subject: string, hits: number, windowStart: Date) => Promise<number>;

type Entry = { windowStart: number; known: number; pending: number; syncedAt: number; syncing: boolean };

/**
 * A rate limit for busy subjects (an API key making hundreds of calls a minute): each instance counts hits in
 * memory and adds them to the shared bucket in the database in one statement at most every `syncMs`, instead of
 * one upsert per request. The count a request is judged by is the shared count at the last sync plus this
 * instance's hits since. So the limit still holds across instances, give or take what the other instances
 * counted in the last `syncMs`; near the limit (the last tenth) every hit syncs, so the overshoot stays small.
 * The first hit of a window always syncs.
 */
export class BatchedRateLimit {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly rule: RateLimitRule,
    readonly syncMs: number,
    private readonly addHits: AddHits,
  ) {}

  /** The shared count after a hit the caller made in the database itself (the first request of a key). */
  seed(subject: string, count: number, now = new Date()): void {
    const { windowStart } = windowOf(this.rule, now);
    this.entries.set(subject, { windowStart: windowStart.getTime(), known: count, pending: 0, syncedAt: now.getTime(), syncing: false });
  }

  async hit(subject: string, now = new Date()): Promise<RateLimitResult> {
    const { windowStart, retryAfterSeconds } = windowOf(this.rule, now);
    let entry = this.entries.get(subject);
    if (!entry || entry.windowStart !== windowStart.getTime()) {
      if (this.entries.size > 10_000) this.entries.clear();
      entry = { windowStart: windowStart.getTime(), known: 0, pending: 0, syncedAt: 0, syncing: false };
      this.entries.set(subject, entry);
    }
    entry.pending += 1;
    const nearLimit = entry.known + entry.pending > this.rule.limit * 0.9;
    if (!entry.syncing && (nearLimit || now.getTime() - entry.syncedAt >= this.syncMs)) {
      const sending = entry.pending;
      entry.pending = 0;
      entry.syncing = true;
      try {
        entry.known = await this.addHits(subject, sending, windowStart);
        entry.syncedAt = now.getTime();
      } catch (error) {
        entry.pending += sending;
        throw error;
      } finally {
        entry.syncing = false;
      }
    }
    const count = entry.known + entry.pending;
    return { allowed: count <= this.rule.limit, remaining: Math.max(0, this.rule.limit - count), retryAfterSeconds };
  }

  /** Forgets every local count: the next hit of each subject syncs with the shared bucket. */
  clear(): void {
    this.entries.clear();
  }
}
