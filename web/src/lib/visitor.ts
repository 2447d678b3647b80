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

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin to build absolute links that must bring this visitor back (Stripe's return
 * URL): the session cookie is host-only, so coming back to `localhost` after arriving on
 * `127.0.0.1` would sign them out. The public address (`SITE_URL`) is used only when the
 * request's own URL is not the one the visitor used (behind CloudFront the function may
 * see its own host); a loopback visitor is always sent back to the address they typed.
 */
export function siteOrigin(requestUrl: URL, siteUrl: string | undefined = process.env.SITE_URL): string {
  if (!siteUrl || LOOPBACK.has(requestUrl.hostname)) return requestUrl.origin;
  const site = new URL(siteUrl);
  return site.hostname === requestUrl.hostname ? requestUrl.origin : site.origin;
}

/** The site's public address (SITE_URL in AWS, else this request's origin), for canonical links, share cards and structured data. */
export function publicOrigin(requestUrl: URL, siteUrl: string | undefined = process.env.SITE_URL): string {
  return (siteUrl || requestUrl.origin).replace(/\/$/, "");
}
