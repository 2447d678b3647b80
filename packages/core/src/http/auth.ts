import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { config } from "../config";
import { DomainError, forbidden, notFound } from "../errors";
import { trustedClientIp, VIEWER_IP_HEADER } from "./origin";
import type { Role } from "./roles";

/**
 * The one auth middleware every service uses. Accounts issues the session cookie; this
 * module turns it back into who is asking, and answers "may they?".
 *
 *   const app = new Hono<AuthEnv>();
 *   app.use(protectMutations(), authenticate());
 *   app.get("/appointments/:id", requireAuth(), async (c) => {
 *     const appointment = await getAppointment(c.req.param("id"));
 *     assertOwnerOrSelf(c.var.auth, appointment?.clientId, "booking.appointment_not_found");
 *     ...
 *   });
 *   app.get("/admin/stats", requireRole("owner"), ...);
 *
 * Anonymous → 401 `auth.unauthenticated`; signed in without the role → 403
 * `auth.forbidden`; someone else's object → 404 (same as a missing one, so ids cannot be
 * probed). `requireAuth`/`requireRole` resolve the session themselves when `authenticate`
 * has not run, and type `c.var.auth` as present in the handlers after them.
 */
/**
 * `__Host-`: browsers accept it only with Secure, Path=/ and no Domain, so no subdomain or
 * plain-http page can set or shadow it. Chromium treats http://localhost and 127.0.0.1 as
 * secure, so it works locally too.
 */
export const SESSION_COOKIE = "__Host-mas_session";

export interface Auth {
  userId: string;
  roles: Role[];
  sessionId: string;
}

/** Hono env for every service app: `new Hono<AuthEnv>()`. */
export type AuthEnv = { Variables: { auth: Auth | undefined } };
/** The env handlers see after `requireAuth()`/`requireRole()`. */
export type SignedInEnv = { Variables: { auth: Auth } };

export const unauthenticated = () => new DomainError("unauthorized", "auth.unauthenticated", "Sign in to continue");

const resolved = new WeakMap<Request, Promise<Auth | undefined>>();

/** Who holds a cookie token: accounts answers this (`resolveSession` in @mas/accounts/read); core only asks. */
export type SessionResolver = (token: string | undefined) => Promise<(Auth & { renewedUntil?: Date }) | undefined>;
let sessionResolver: SessionResolver | undefined;

/** Each service's app (and any test app) registers accounts' resolver once, at module load. */
export function useSessionResolver(resolver: SessionResolver): void {
  sessionResolver = resolver;
}

function resolveSession(token: string | undefined) {
  if (!sessionResolver) throw new Error("No session resolver: call useSessionResolver(resolveSession) from @mas/accounts/read in the service app");
  return sessionResolver(token);
}

/** The caller, resolved once per request from the `__Host-mas_session` cookie. */
async function resolveAuth(c: Context): Promise<Auth | undefined> {
  let pending = resolved.get(c.req.raw);
  if (!pending) {
    const token = getCookie(c, SESSION_COOKIE);
    pending = resolveSession(token).then((session) => {
      if (!session) return undefined;
      if (session.renewedUntil && token) issueSessionCookie(c, token, session.renewedUntil);
      return { userId: session.userId, roles: session.roles, sessionId: session.sessionId };
    });
    resolved.set(c.req.raw, pending);
  }
  const auth = await pending;
  c.set("auth", auth);
  return auth;
}

/** Sets `c.var.auth` to the signed-in caller, or undefined for anonymous requests. */
export function authenticate(): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    await resolveAuth(c);
    await next();
  });
}

/** 401 unless signed in. */
export function requireAuth(): MiddlewareHandler<SignedInEnv> {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    if (!(await resolveAuth(c))) throw unauthenticated();
    await next();
  });
}

/** 401 unless signed in, 403 unless holding at least one of `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<SignedInEnv> {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const auth = await resolveAuth(c);
    if (!auth) throw unauthenticated();
    if (!roles.some((role) => auth.roles.includes(role))) throw forbidden();
    await next();
  });
}

export function isPractitioner(auth: Auth | undefined): boolean {
  return auth?.roles.includes("owner") ?? false;
}

/**
 * BOLA guard for one object: the practitioner (role `owner`) may touch everything; anyone
 * else only objects whose owning userId is their own. A missing object (`ownerUserId`
 * undefined) and someone else's object both throw the same 404 `notFoundCode`, so a
 * response never confirms that an id exists. 401 when anonymous.
 */
export function assertOwnerOrSelf(auth: Auth | undefined, ownerUserId: string | undefined, notFoundCode = "not_found"): asserts auth is Auth {
  if (!auth) throw unauthenticated();
  if (ownerUserId !== undefined && (isPractitioner(auth) || auth.userId === ownerUserId)) return;
  throw notFound(notFoundCode);
}

/**
 * CSRF protection for state-changing routes (hono/csrf): a POST/PUT/PATCH/DELETE that a
 * plain HTML form or `text/plain` fetch could send cross-site — form/text content types,
 * or no body at all — must come from the site (`SITE_URL`) or the API's own origin, by
 * `Origin` or `Sec-Fetch-Site: same-origin`. JSON requests are let through: a browser
 * cannot send them cross-origin without a CORS preflight, which no service answers.
 * Requests with neither `Origin` nor `Sec-Fetch-Site` are let through too: every current
 * browser sends one of them on such requests, so these are server-side callers (Astro SSR,
 * scripts), which CSRF cannot involve — the rule Go's `http.CrossOriginProtection` uses.
 * Rejections are 403 `auth.csrf_rejected`.
 */
export function protectMutations(): MiddlewareHandler {
  const check = csrf({ origin: (origin, c) => origin === new URL(config.siteUrl()).origin || origin === new URL(c.req.url).origin });
  return async (c, next) => {
    if (!c.req.header("origin") && !c.req.header("sec-fetch-site")) return next();
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
        await next();
      });
    } catch (error) {
      if (passed) throw error;
      throw new DomainError("forbidden", "auth.csrf_rejected", "This request did not come from the site");
    }
  };
}

/** The session cookie: `__Host-`, HttpOnly, Secure, SameSite=Lax, whole site, lives until `expiresAt`. */
export function issueSessionCookie(c: Context, token: string, expiresAt: Date, now = new Date()): void {
  const maxAge = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

/**
 * Where a request came from, for rate limits and the audit log: only the viewer IP that
 * the front door set (CloudFront's viewer-request function in AWS, the gateway locally;
 * see ./origin.ts). `X-Forwarded-For` is ignored — its first entry is the client's to write,
 * so trusting it let anyone rotate past per-IP limits.
 */
export function requestMeta(c: Context): RequestMeta {
  return { ip: clientIp(c), userAgent: c.req.header("user-agent")?.slice(0, 512) };
}

/** The caller's IP as the front door saw it, or undefined. */
export function clientIp(c: Context): string | undefined {
  return trustedClientIp(c.req.header(VIEWER_IP_HEADER));
}
