import "server-only";
import { problemResponse } from "../handlers/workspace-route";
import type { RequestMeta } from "../server/request-meta";
import { ApiKeyError, RateLimitedError } from "./errors";
import { setRateLimitHeaders } from "./rate-limit-headers";

/** RFC 9457 problem+json for the API, with the headers some refusals must carry. */
export function apiProblem(error: unknown, meta: RequestMeta, context: string): Response {
  const response = problemResponse(error, meta, context);
  response.headers.set("x-request-id", meta.requestId);
  if (error instanceof RateLimitedError) {
    response.headers.set("retry-after", String(error.retryAfterSeconds));
    // Nothing left until the window ends.
    setRateLimitHeaders(response.headers, { limit: error.limit, remaining: 0, resetSeconds: error.retryAfterSeconds });
  }
  if (error instanceof ApiKeyError) response.headers.set("www-authenticate", 'Bearer realm="assent"');
  return response;
}
