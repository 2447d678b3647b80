import type { Context, MiddlewareHandler } from "hono";
import { kernelDb } from "../db/service";
import { DomainError } from "../errors";
import { clock } from "../shared/clock";
import type { AuthEnv } from "./auth";
import { clientIp } from "./auth";

/**
 * Table-backed, fixed-window rate limits, shared by every Lambda instance: one counter item
 * per (rule, who, window) in the kernel's RateLimit entity, incremented with an atomic ADD
 * and expired by TTL. A fixed window can let up to 2×limit through around a boundary; that
 * is fine for slowing abuse and costs one write per counted request.
 *
 * Edge limits come first in AWS: the HTTP API stage throttle (200 rps, stacks/Api.ts) and,
 * when enabled, the web ACL's per-IP rule on sign-in and payment paths (stacks/Firewall.ts).
 * These are the per-person limits behind them, which the edge cannot see (it has no user).
 */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface Window {
  /** Epoch seconds at which the window opened (a multiple of its length). */
  start: number;
  end: number;
  /** Whole seconds until the window closes, at least 1: the `Retry-After` value. */
  retryAfterSeconds: number;
}

export function windowAt(now: Date, windowSeconds: number): Window {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const start = nowSeconds - (nowSeconds % windowSeconds);
  const end = start + windowSeconds;
  return { start, end, retryAfterSeconds: Math.max(1, end - nowSeconds) };
}

/** A 429 with `Retry-After` and a message in minutes. */
export function tooManyRequests(code: string, retryAfterSeconds: number, what = "requests"): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError("rate_limited", code, `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, undefined, { "Retry-After": String(retryAfterSeconds) });
}

/**
 * Counts one hit against `rule` for `subject` and returns the window's count and window.
 * Counted before any work is done, whether the work then succeeds or not.
 */
export async function countHit(rule: RateLimitRule, subject: string, now: Date): Promise<{ count: number; window: Window }> {
  const window = windowAt(now, rule.windowSeconds);
  const { data } = await kernelDb()
    .entities.rateLimit.update({ key: `${rule.name}:${subject}`, windowStart: window.start })
    .add({ count: 1 })
    .set({ expiresAt: window.end })
    .go({ response: "all_new" });
  return { count: data.count ?? 0, window };
}

/** Counts one hit and throws 429 `code` (with `Retry-After`) once the window's count passes the limit. */
export async function hitRateLimit(rule: RateLimitRule, subject: string, now: Date, code: string, what?: string): Promise<void> {
  const { count, window } = await countHit(rule, subject, now);
  if (count > rule.limit) throw tooManyRequests(code, window.retryAfterSeconds, what);
}

/** A class of routes and its limits per signed-in person and per viewer IP. */
export interface RouteClass {
  name: string;
  perUser: Omit<RateLimitRule, "name">;
  perIp: Omit<RateLimitRule, "name">;
  /** What the 429's message says there were too many of. */
  what: string;
}

const HOUR = 60 * 60;

/**
 * The route classes (issue 20). Per IP is looser than per person: a clinic's Wi-Fi, a
 * training room or a household shares one address. Numbers are several times what a real
 * person does — a client books a few times a year and pays once per booking; the owner
 * uploads a day's before/after photos in one sitting.
 *
 * - `booking`: creating, rescheduling and waitlist offers taken — each places holds on the
 *   diary, so a flood would block real clients out of slots.
 * - `paymentIntent`: each call reaches Stripe (a PaymentIntent opened or re-read). Every pay
 *   page load asks for one, so reloads count: looser than booking. One payment per subject,
 *   so new intents need new bookings, which `booking` limits.
 * - `upload`: presigned upload requests (photos, media, entry proofs) — each one an S3 object.
 */
export const ROUTE_CLASSES = {
  booking: { name: "booking", perUser: { limit: 20, windowSeconds: HOUR }, perIp: { limit: 60, windowSeconds: HOUR }, what: "booking attempts" },
  paymentIntent: { name: "payment-intent", perUser: { limit: 60, windowSeconds: HOUR }, perIp: { limit: 180, windowSeconds: HOUR }, what: "payment attempts" },
  upload: { name: "upload", perUser: { limit: 120, windowSeconds: HOUR }, perIp: { limit: 240, windowSeconds: HOUR }, what: "uploads" },
} satisfies Record<string, RouteClass>;

/**
 * Counts a request against its class, per signed-in person (when `requireAuth` ran before)
 * and per viewer IP (when the front door set one), and answers 429 `rate_limited` with
 * `Retry-After` past either limit. Put it after validation, so malformed requests (which
 * do no work) are refused without a write and only real attempts count.
 */
export function rateLimit(routeClass: RouteClass): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    await enforce(c, routeClass);
    await next();
  };
}

/** The counters a route class keeps: one per signed-in person, one per viewer IP. */
export function classRules(routeClass: RouteClass): { perUser: RateLimitRule; perIp: RateLimitRule } {
  return { perUser: { name: `${routeClass.name}:user`, ...routeClass.perUser }, perIp: { name: `${routeClass.name}:ip`, ...routeClass.perIp } };
}

async function enforce(c: Context, routeClass: RouteClass): Promise<void> {
  const now = clock.now();
  const rules = classRules(routeClass);
  const userId = (c.var as { auth?: { userId?: string } }).auth?.userId;
  const ip = clientIp(c);
  const counted = [...(userId ? [{ rule: rules.perUser, subject: userId }] : []), ...(ip ? [{ rule: rules.perIp, subject: ip }] : [])];
  const hits = await Promise.all(counted.map(async ({ rule, subject }) => ({ rule, ...(await countHit(rule, subject, now)) })));
  const over = hits.filter((hit) => hit.count > hit.rule.limit);
  if (over.length) throw tooManyRequests("rate_limited", Math.max(...over.map((hit) => hit.window.retryAfterSeconds)), routeClass.what);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The general class, for a whole service app: every state-changing request (POST/PUT/PATCH/
 * DELETE) from one viewer IP — about 2 a second sustained, far above a busy owner's. It runs
 * before authentication, so per IP only; reads are left to the stage throttle and caches.
 */
export const API_WRITES_PER_IP: RateLimitRule = { name: "api:ip", limit: 600, windowSeconds: 5 * 60 };

/**
 * Counts every state-changing request against {@link API_WRITES_PER_IP}. `except` names paths
 * that must not be counted (Stripe's signed webhook comes from Stripe's few addresses, and
 * refusing it would lose payments).
 */
export function limitWrites(except: (path: string) => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method) && !except(c.req.path)) {
      const ip = clientIp(c);
      if (ip) {
        await hitRateLimit(API_WRITES_PER_IP, ip, clock.now(), "rate_limited");
      }
    }
    await next();
  };
}
