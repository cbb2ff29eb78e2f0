/** A running import whose heartbeat is older than this is taken to have died with its process and may be resumed. */
export const STALE_AFTER_MS = 60_000;
