/**
 * Waits before each retry, in seconds: quick at first for a receiver that blipped, then spread over about
 * three days for one that is down, before the delivery is set aside as dead for someone to redeliver.
 */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 86_400] as const;

/** Seconds to wait after failed attempt number `attempt` (1-based), or null when it was the last. */
export function retryDelaySeconds(attempt: number, delays: readonly number[] = RETRY_DELAYS_SECONDS, random = Math.random): number | null {
  const base = delays[attempt - 1];
  if (base === undefined) return null;
  // ±10% so endpoints that failed together do not all retry in the same second.
  return base * (0.9 + 0.2 * random());
}
