import type { AstroGlobal, APIContext } from "astro";
import { api, type ApiInit, type ApiResult } from "./api";

export type { SignedInUser } from "./shapes";

type Context = Pick<AstroGlobal | APIContext, "request" | "locals" | "clientAddress">;

export const SESSION_COOKIE = "mas_session";

export function hasSessionCookie(request: Request): boolean {
  return (request.headers.get("cookie") ?? "").split(/;\s*/).some((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
}

function clientIp(context: Context): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/**
 * An API call made for this visitor: their cookie, IP and browser go along, and any
 * cookie the service sets is queued for the response (see middleware.ts).
 */
export async function callApi<T>(context: Context, path: string, init: ApiInit = {}): Promise<ApiResult<T>> {
  const result = await api<T>(path, {
    cookie: context.request.headers.get("cookie"),
    clientIp: clientIp(context),
    userAgent: context.request.headers.get("user-agent"),
    ...init,
  });
  context.locals.setCookies.push(...result.setCookies);
  return result;
}

/** Only same-site paths, so `?next=` cannot send anyone to another site. */
export function safeNext(value: string | null | undefined, fallback = "/account"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** A 303 to `location` (after a form POST, so a refresh does not resend it). */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

/** The sign-in page, coming back here afterwards. */
export function signInFirst(astro: Pick<AstroGlobal, "url" | "redirect">): Response {
  return astro.redirect(`/signin?next=${encodeURIComponent(astro.url.pathname + astro.url.search)}`);
}
