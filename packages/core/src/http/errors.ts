import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { DomainError, STATUS_BY_KIND } from "../errors";
import { errorFacts, logger, routeOf } from "../log";
import { badCursor, isCursorRejection } from "../db/cursor";

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Field path → first message, e.g. `{ "email": "Invalid email address" }`. */
export function fieldsOf(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validationBody(error: ZodError): ErrorBody {
  const fields = fieldsOf(error);
  const summary = Object.entries(fields).map(([field, message]) => (field === "_" ? message : `${field}: ${message}`)).join("; ");
  return { error: { code: "validation_failed", message: summary || "Invalid input", fields } };
}

/** The one `onError` every service app installs: typed errors → 4xx, anything else → 500. */
export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
    return c.json(body, STATUS_BY_KIND[err.kind]);
  }
  if (err instanceof ZodError) return c.json(validationBody(err), 400);
  if (isCursorRejection(err)) return onError(badCursor(), c);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 403 ? "auth.forbidden" : status === 401 ? "auth.unauthenticated" : "http_error";
    return c.json({ error: { code, message: err.message || "Request refused" } }, status);
  }
  logger.error("unhandled error", { method: c.req.method, route: routeOf(c), ...errorFacts(err) });
  return c.json({ error: { code: "internal", message: "Something went wrong on our side" } }, 500);
}

export function onNotFound(c: Context) {
  return c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } }, 404);
}
