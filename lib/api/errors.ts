import { AppError, type FieldError } from "../errors";

/** The public API's own refusals, beside the shared AppErrors (validation 422, not found 404, conflict 409). */
export class ApiKeyError extends AppError {
  constructor() {
    super("invalid_api_key", 401, "Send a valid, unrevoked API key as `Authorization: Bearer ask_…`.");
    this.name = "ApiKeyError";
  }
}

export class MissingScopeError extends AppError {
  constructor(scope: string) {
    super("missing_scope", 403, `This API key lacks the "${scope}" scope.`);
    this.name = "MissingScopeError";
  }
}

export class RateLimitedError extends AppError {
  /** `limit`: the limit that refused, for the RateLimit-* headers (lib/api/rate-limit-headers.ts). */
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
  ) {
    super("rate_limited", 429, "Too many requests. Retry after the number of seconds in Retry-After.");
    this.name = "RateLimitedError";
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, fields: FieldError[] = []) {
    super(code, 400, message, fields);
    this.name = "BadRequestError";
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super("unsupported_media_type", 415, "Send the body as application/json.");
    this.name = "UnsupportedMediaTypeError";
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super("payload_too_large", 413, `The body is larger than ${maxBytes} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}
