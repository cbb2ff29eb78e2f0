/**
 * How long a dashboard session lives. Compliance data is sensitive, so an unattended browser signs out after
 * IDLE_MINUTES without a request, and every session ends after ABSOLUTE_HOURS whatever its activity.
 */
export const sessionPolicy = {
  idleMinutes: 60,
  absoluteHours: 12,
  /** Refresh last_seen_at at most this often, so browsing is not one write per request. */
  touchEverySeconds: 60,
} as const;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null };

export function sessionExpiry(s: SessionTimes, now: Date): "revoked" | "idle" | "absolute" | null {
  if (s.revokedAt) return "revoked";
  if (now.getTime() - s.createdAt.getTime() > sessionPolicy.absoluteHours * 3_600_000) return "absolute";
  if (now.getTime() - s.lastSeenAt.getTime() > sessionPolicy.idleMinutes * 60_000) return "idle";
  return null;
}
