/**
 * Server-side calls from SSR pages to the services, on behalf of the visitor: their
 * session cookie goes along, and any Set-Cookie the API answers with (a new session, a
 * renewed one, a sign-out) comes back so the page can pass it on to the browser.
 * API_URL is the gateway locally and the HTTP API in AWS.
 */
export function apiBase(): string {
  return process.env.API_URL ?? "http://localhost:3000";
}

/** The services' one error shape: `{ error: { code, message, fields? } }`. */
export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export interface ApiResult<T> {
  ok: boolean;
  status: number;
  data: T;
  /** Present when the service answered with its error shape (or could not be reached). */
  error?: ApiError;
  setCookies: string[];
}

export interface ApiInit {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as a JSON body (server-side JSON needs no Origin for the services' CSRF check). */
  json?: unknown;
  cookie?: string | null;
  headers?: Record<string, string>;
  /** The visitor's IP, so rate limits count per visitor rather than per web server. */
  clientIp?: string;
  userAgent?: string | null;
}

const UNREACHABLE: ApiError = { code: "unavailable", message: "This part of the site is temporarily unavailable. Please try again in a moment." };

export async function api<T>(path: string, init: ApiInit = {}): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.clientIp) headers.set("x-forwarded-for", init.clientIp);
  if (init.userAgent) headers.set("user-agent", init.userAgent);
  let body: string | undefined;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
  } catch {
    return { ok: false, status: 0, data: {} as T, error: UNREACHABLE, setCookies: [] };
  }
  const text = await res.text();
  let data = {} as T;
  try {
    if (text) data = JSON.parse(text) as T;
  } catch {
    // Non-JSON answers (an HTML error page from a proxy) are treated as empty.
  }
  const error = res.ok ? undefined : ((data as { error?: ApiError }).error ?? { code: `http_${res.status}`, message: res.status >= 500 ? UNREACHABLE.message : "That did not work. Please try again." });
  return { ok: res.ok, status: res.status, data, error, setCookies: res.headers.getSetCookie() };
}
