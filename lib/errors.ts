/**
 * Errors a user may see. Each carries a stable code, an HTTP status and, for bad input, the fields at fault.
 * Anything that is not an AppError is an internal fault: log it, show a generic message.
 */
export type FieldError = { field: string; code: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[], message = "The request has invalid fields.") {
    super("validation_failed", 422, message, fields);
    this.name = "ValidationError";
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", 404, `${what} was not found.`);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, 409, message);
    this.name = "ConflictError";
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("unauthenticated", 401, "Sign in to continue.");
    this.name = "UnauthenticatedError";
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this. Ask an owner or admin of this workspace.") {
    super("forbidden", 403, message);
    this.name = "ForbiddenError";
  }
}
