import type { RateLimitState } from "../rate-limit/limit";

/**
 * The limit's state in the IETF draft's headers (draft-ietf-httpapi-ratelimit-headers): RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset in seconds, so a sender can pace itself before it meets a 429.
 */
export function setRateLimitHeaders(headers: Headers, state: RateLimitState): void {
  headers.set("ratelimit-limit", String(state.limit));
  headers.set("ratelimit-remaining", String(state.remaining));
  headers.set("ratelimit-reset", String(state.resetSeconds));
}
