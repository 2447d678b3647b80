import type { APIContext, MiddlewareNext } from "astro";
import { defineMiddleware } from "astro:middleware";
import { ORIGIN_REFUSED, ORIGIN_SECRET_HEADER, originSecretMatches } from "@mas/core/http/origin";
import { api, call } from "./lib/client";
import { withCsp } from "./lib/csp";
import { hasSessionCookie, SESSION_COOKIE } from "./lib/visitor";
import { adminAccess, isAdminPath } from "./features/admin/guard";

/**
 * Once per request: who is visiting (only asked when a session cookie is present), and on
 * the way out, the cookies the services set (sign-in, renewal, sign-out) and no caching of
 * anything personal. Every /admin page is the owner's only (features/admin/guard.ts):
 * checked here, before any page renders, so a new admin page cannot forget it.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await visit(context, next);
  // Every page goes out with its CSP and a fresh script nonce (lib/csp.ts).
  return withCsp(response, context.url.pathname, context.url.protocol === "https:");
});

async function visit(context: APIContext, next: MiddlewareNext): Promise<Response> {
  // Only through CloudFront (or the local gateway), which adds the origin secret: the server
  // function's own URL cannot be called with a forged viewer IP.
  if (!originSecretMatches(context.request.headers.get(ORIGIN_SECRET_HEADER))) {
    return new Response(JSON.stringify(ORIGIN_REFUSED.body), { status: ORIGIN_REFUSED.status, headers: { "content-type": "application/json" } });
  }
  context.locals.setCookies = [];
  context.locals.user = null;
  const personal = hasSessionCookie(context.request);
  if (personal && !context.url.pathname.startsWith("/_")) {
    const me = await call(api(context).accounts.me.$get());
    context.locals.user = me.ok ? (me.data.user ?? null) : null;
    // A session that has ended: drop the cookie so later pages do not ask again.
    if (me.status === 401) context.locals.setCookies.push(`${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax`);
  }
  const admin = isAdminPath(context.url.pathname);
  const response = admin ? await ownerOnly(context, next) : await next();
  if (!personal && context.locals.setCookies.length === 0 && !admin) return response;
  const headers = new Headers(response.headers);
  for (const cookie of context.locals.setCookies) headers.append("set-cookie", cookie);
  headers.set("cache-control", "private, no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The back office: sign in first, or the 403 page for anyone who is not the owner. */
function ownerOnly(context: APIContext, next: MiddlewareNext): Promise<Response> | Response {
  const access = adminAccess(context.locals.user);
  if (access === "sign-in") return context.redirect(`/signin?next=${encodeURIComponent(context.url.pathname + context.url.search)}`, 303);
  if (access === "forbidden") return next("/forbidden");
  return next();
}
