/** Nearest-rank percentile of a list of samples (milliseconds). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export type RunStats = { perSecond: number; p50: number; p99: number };

/** Runs `task(i)` for i in [0, total) on `writers` concurrent loops and measures throughput and latency. */
export async function measure(total: number, writers: number, task: (i: number) => Promise<unknown>): Promise<RunStats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The mean rate and latencies of several runs. */
export function mergeRuns(xs: RunStats[]): RunStats {
  return {
    perSecond: xs.reduce((s, x) => s + x.perSecond, 0) / xs.length,
    p50: xs.reduce((s, x) => s + x.p50, 0) / xs.length,
    p99: xs.reduce((s, x) => s + x.p99, 0) / xs.length,
  };
}

/** The unmeasured requests alternate() sends to each side before its rounds. */
const warmUpOf = (total: number) => Math.min(total, 50);

/** How many requests alternate() sends to one side: its warm-up and every round (for requests built beforehand). */
export const requestsFor = (options: { rounds: number; total: number }) => warmUpOf(options.total) + options.rounds * options.total;

/**
 * A figure and its baseline in alternating rounds (after an unmeasured warm-up of each), so the shared
 * machine's noise falls on both alike.
 */
export async function alternate(
  options: { rounds: number; total: number; concurrency: number },
  app: (i: number) => Promise<unknown>,
  base: (i: number) => Promise<unknown>,
): Promise<{ app: RunStats; baseline: RunStats }> {
  const warm = warmUpOf(options.total);
  await measure(warm, options.concurrency, app);
  await measure(warm, options.concurrency, base);
  const a: RunStats[] = [];
  const b: RunStats[] = [];
  for (let r = 0; r < options.rounds; r++) {
    a.push(await measure(options.total, options.concurrency, app));
    b.push(await measure(options.total, options.concurrency, base));
  }
  return { app: mergeRuns(a), baseline: mergeRuns(b) };
}
