import { createHash } from "node:crypto";
import { db } from "../entities";
import { DomainError } from "@mas/core/errors";

/**
 * Fixed-window rate limits backed by the table, so every Lambda instance shares the same
 * counters: one item per (rule, who, window), incremented with an atomic ADD, expired by
 * TTL. A fixed window can let through up to 2×limit around a boundary; for slowing down
 * password guessing that is fine and it costs one write per attempt.
 */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Sign-in is not here: it counts failures only, per account and source (sign-in-policy.ts).
 * Registration allows a training cohort or a busy morning signing up on the clinic's Wi-Fi.
 */
export const RATE_LIMITS = {
  registerPerIp: { name: "register:ip", limit: 30, windowSeconds: 60 * 60 },
  forgotPerIp: { name: "forgot:ip", limit: 10, windowSeconds: 60 * 60 },
  forgotPerEmail: { name: "forgot:email", limit: 3, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

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

/**
 * Who a counter counts, as stored in its key. Email addresses are hashed so a counter
 * never holds one (they live up to a window after an erasure asked for them to go).
 */
export function rateLimitSubject(kind: "ip" | "email", value: string): string {
  if (kind === "ip") return value;
  return createHash("sha256").update(value.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/**
 * Counts one attempt against the rule and throws 429 `accounts.rate_limited` (with
 * `Retry-After`) once the window's count passes the limit. Attempts are counted before
 * any work is done, whether they then succeed or not.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<void> {
  const window = windowAt(now, rule.windowSeconds);
  const { data } = await db()
    .entities.rateLimit.update({ key: `${rule.name}:${subject}`, windowStart: window.start })
    .add({ count: 1 })
    .set({ expiresAt: window.end })
    .go({ response: "all_new" });
  if ((data.count ?? 0) > rule.limit) throw tooManyAttempts(window.retryAfterSeconds);
}

export function tooManyAttempts(retryAfterSeconds: number): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    "rate_limited",
    "accounts.rate_limited",
    `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    undefined,
    { "Retry-After": String(retryAfterSeconds) },
  );
}
