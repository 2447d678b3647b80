/**
 * The visitor's side of the site: whether they carry a session, where to send them, and
 * the redirects pages answer with. Calls to the services go through client.ts.
 */
import type { AstroGlobal } from "astro";

export type { SignedInUser } from "./shapes";

export const SESSION_COOKIE = "__Host-mas_session";

export function hasSessionCookie(request: Request): boolean {
  return (request.headers.get("cookie") ?? "").split(/;\s*/).some((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
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
