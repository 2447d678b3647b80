import type { ApiError } from "./client";

/** A submitted form as plain strings (files ignored); missing fields are "". */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const form = await request.formData().catch(() => new FormData());
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  return values;
}

export interface FormProblem {
  message?: string;
  fields: Record<string, string>;
}

/**
 * An API error as a form problem. `rename` maps API field paths to this form's field
 * names (e.g. `emergencyContact.phone` → `emergencyPhone`); field errors get their own
 * message, the summary repeats them. A bare validation summary is not shown twice.
 */
export function problemFrom(error: ApiError | undefined, rename: Record<string, string> = {}): FormProblem | undefined {
  if (!error) return undefined;
  const fields: Record<string, string> = {};
  for (const [path, text] of Object.entries(error.fields ?? {})) fields[rename[path] ?? path] = text;
  const hasFields = Object.keys(fields).length > 0;
  const message = hasFields && error.code === "validation_failed" ? undefined : friendlyMessage(error);
  return { fields, ...(message ? { message } : {}) };
}

/** Messages for codes whose API wording is written for developers, not visitors. */
export function friendlyMessage(error: ApiError): string {
  switch (error.code) {
    case "auth.csrf_rejected":
      return "Your form expired. Please try again.";
    case "auth.unauthenticated":
      return "Please sign in to continue.";
    case "rate_limited":
    case "accounts.rate_limited":
      return "Too many attempts. Please wait a few minutes and try again.";
    default:
      return error.message;
  }
}

export const checked = (values: Record<string, string>, name: string) => values[name] === "on" || values[name] === "true" || values[name] === "yes";
