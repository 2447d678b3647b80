/**
 * Stripe-shaped API errors: `{ error: { type, code, message, param, ... } }` with the HTTP
 * status the real API uses, so the SDK raises the matching class
 * (400/404 → StripeInvalidRequestError, 401 → StripeAuthenticationError,
 * 402 → StripeCardError, 400 + idempotency_error → StripeIdempotencyError).
 */

export type StripeErrorType = "invalid_request_error" | "card_error" | "idempotency_error" | "api_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  charge?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    this.name = "ApiError";
  }

  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;

export function invalidRequest(message: string, param?: string, code?: string, status = 400): ApiError {
  return new ApiError(status, {
    type: "invalid_request_error",
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  });
}

export const missingParam = (param: string) => invalidRequest(`Missing required param: ${param}.`, param, "parameter_missing");

export const unknownParam = (param: string) =>
  invalidRequest(`Received unknown parameter: ${param}. (The local fake Stripe does not emulate it.)`, param, "parameter_unknown");

export const noSuch = (kind: string, id: string, param = "id") =>
  invalidRequest(`No such ${kind}: '${id}'`, param, "resource_missing", param === "id" ? 404 : 400);

export const unexpectedState = (message: string) => invalidRequest(message, undefined, "payment_intent_unexpected_state");

export function cardError(code: string, message: string, extra: Partial<StripeErrorBody> = {}): ApiError {
  return new ApiError(402, { type: "card_error", code, message, doc_url: docUrl(code), ...extra });
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, { type: "invalid_request_error", message });
}

export function idempotencyMismatch(key: string): ApiError {
  return new ApiError(400, {
    type: "idempotency_error",
    message:
      "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
      `Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}
