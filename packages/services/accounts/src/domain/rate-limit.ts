import { createHash } from "node:crypto";
import type { DomainError } from "@mas/core/errors";
import { hitRateLimit as hitKernelRateLimit, tooManyRequests, type RateLimitRule } from "@mas/core/http/rate-limit";

export { windowAt, type RateLimitRule, type Window } from "@mas/core/http/rate-limit";

/**
 * Accounts' own limits on core's table-backed fixed windows (@mas/core/http/rate-limit).
 * Sign-in is not here: it counts failures only, per account and source (sign-in-policy.ts).
 * Registration allows a training cohort or a busy morning signing up on the clinic's Wi-Fi.
 */
export const RATE_LIMITS = {
  registerPerIp: { name: "register:ip", limit: 30, windowSeconds: 60 * 60 },
  forgotPerIp: { name: "forgot:ip", limit: 10, windowSeconds: 60 * 60 },
  forgotPerEmail: { name: "forgot:email", limit: 3, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

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
  await hitKernelRateLimit(rule, subject, now, "accounts.rate_limited", "attempts");
}

export function tooManyAttempts(retryAfterSeconds: number): DomainError {
  return tooManyRequests("accounts.rate_limited", retryAfterSeconds, "attempts");
}
