/**
 * Typed domain errors with stable codes (`booking.slot_taken`). Domain code throws them;
 * the one HTTP error handler (http/errors.ts) maps them to statuses and the error shape
 * `{ error: { code, message, fields? } }`.
 */
export type ErrorKind = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "unprocessable" | "rate_limited";

export const STATUS_BY_KIND: Record<ErrorKind, 400 | 401 | 403 | 404 | 409 | 422 | 429> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
};

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (code: string, message = "Not found") => new DomainError("not_found", code, message);
export const forbidden = (code = "auth.forbidden", message = "You are not allowed to do that") => new DomainError("forbidden", code, message);
export const conflict = (code: string, message: string) => new DomainError("conflict", code, message);
export const unprocessable = (code: string, message: string, fields?: Record<string, string>) => new DomainError("unprocessable", code, message, fields);
export const badRequest = (code: string, message: string, fields?: Record<string, string>) => new DomainError("bad_request", code, message, fields);
