/**
 * The site's one way to the services: Hono's typed client over each service's own
 * `AppType`, so every path, body and answer the pages use is checked against the routes
 * (`astro check`) instead of copied by hand. The imports are type-only: no service code
 * reaches the site's bundle. Calls are server-side, on behalf of the visitor: their
 * session cookie, IP and browser go along (server-side JSON needs no Origin for the
 * services' CSRF check), and any Set-Cookie the API answers with (a new session, a
 * renewed one, a sign-out) is queued for the page's response (see middleware.ts).
 */
import type { AstroGlobal, APIContext } from "astro";
import { hc, type ClientResponse } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import { ORIGIN_SECRET_HEADER, originSecret, trustedClientIp, VIEWER_IP_HEADER } from "@mas/core/http/origin";
import type { AppType as AccountsApp } from "@mas/accounts/app";
import type { AppType as BookingApp } from "@mas/booking/app";
import type { AppType as DocumentsApp } from "@mas/documents/app";
import type { AppType as LearningApp } from "@mas/learning/app";
import type { AppType as MessagingApp } from "@mas/messaging/app";
import type { AppType as PaymentsApp } from "@mas/payments/app";

/** API_URL is the gateway locally and the HTTP API in AWS. */
export function apiBase(): string {
  return process.env.API_URL ?? "http://localhost:3000";
}

/** The services' one error shape: `{ error: { code, message, fields? } }`. */
export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** A call's outcome: the route's success body, or its error. */
export type ApiResult<T> = { ok: true; status: number; data: T; error?: undefined } | { ok: false; status: number; data?: undefined; error: ApiError };

/** The body a route answers with on success, as its handler declares it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Success<R> = R extends ClientResponse<infer T, infer S, any> ? (S extends SuccessStatusCode ? T : never) : never;

type Context = Pick<AstroGlobal | APIContext, "request" | "locals">;

const UNREACHABLE: ApiError = { code: "unavailable", message: "This part of the site is temporarily unavailable. Please try again in a moment." };

/** The visitor's IP as CloudFront (the gateway locally) set it on this request: never X-Forwarded-For. */
function clientIp(context: Context): string | undefined {
  return trustedClientIp(context.request.headers.get(VIEWER_IP_HEADER));
}

/** A fetch that speaks for this visitor (or for nobody: public pages that need no cookie). */
function visitorFetch(context: Context | null): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (context) {
      const cookie = context.request.headers.get("cookie");
      const ip = clientIp(context);
      const agent = context.request.headers.get("user-agent");
      if (cookie) headers.set("cookie", cookie);
      // So rate limits count per visitor rather than per web server.
      if (ip) headers.set(VIEWER_IP_HEADER, ip);
      if (agent) headers.set("user-agent", agent);
    }
    // The API refuses requests without the origin secret (CloudFront adds it; the site server is the other caller).
    const secret = originSecret();
    if (secret) headers.set(ORIGIN_SECRET_HEADER, secret);
    const res = await fetch(input, { ...init, headers, redirect: "manual" });
    context?.locals.setCookies.push(...res.headers.getSetCookie());
    return res;
  };
}

/** Typed clients for the services the site talks to, e.g. `api(Astro).booking.services.$get()`. */
export function api(context: Context | null) {
  const options = { fetch: visitorFetch(context) };
  return {
    accounts: hc<AccountsApp>(apiBase(), options).api.accounts,
    booking: hc<BookingApp>(apiBase(), options).api.booking,
    documents: hc<DocumentsApp>(apiBase(), options).api.documents,
    learning: hc<LearningApp>(apiBase(), options).api.learning,
    messaging: hc<MessagingApp>(apiBase(), options).api.messaging,
    payments: hc<PaymentsApp>(apiBase(), options).api.payments,
  };
}

/** Awaits a client call and reads its JSON: the success body typed from the route, or the error shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<R extends ClientResponse<any, number, any>>(request: Promise<R>): Promise<ApiResult<Success<R>>> {
  let res: R;
  try {
    res = await request;
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    if (text) body = JSON.parse(text);
  } catch {
    // Non-JSON answers (an HTML error page from a proxy) are treated as empty.
  }
  if (res.ok) return { ok: true, status: res.status, data: (body ?? {}) as Success<R> };
  const error = (body as { error?: ApiError } | undefined)?.error ?? { code: `http_${res.status}`, message: res.status >= 500 ? UNREACHABLE.message : "That did not work. Please try again." };
  return { ok: false, status: res.status, error };
}
