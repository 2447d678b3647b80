/**
 * When a sign-in attempt must wait (OWASP Authentication Cheat Sheet, "login throttling"):
 *
 * - only **failures** count — a right password never adds to any counter, so a clinic's
 *   front-desk tablet or Wi-Fi signing many people in is never slowed;
 * - failures are counted **per account and source** (the pair), **per source** across
 *   accounts (credential stuffing) and **per account** across sources (a spread-out attack);
 * - a pair that keeps failing is **slowed before it is blocked**: a few free tries, then a
 *   wait that doubles with each failure up to a cap (in practice a block until the window
 *   closes);
 * - a source that has **not** been failing against an account is never held back by that
 *   account's counters: the real person, from their own phone, still gets in while an
 *   attacker elsewhere is locked out. (A source failing against many accounts is slowed for
 *   everything it tries.)
 * - a burst of failures on one account (from anywhere) makes the pair's free tries
 *   disappear and mails the account's owner once per window.
 *
 * Counters live in fixed windows (see rate-limit.ts); this module is the pure decision.
 */
export const SIGN_IN_POLICY = {
  windowSeconds: 15 * 60,
  /** Failures a source may make on one account before it has to wait. */
  freeFailuresPerPair: 3,
  /** Failures a source may make across all accounts before everything it tries waits. */
  freeFailuresPerSource: 10,
  /** Failures on one account, from anywhere, that make a burst: owner mailed, no free tries left. */
  accountBurst: 10,
  /** The longest single wait; at the cap a source is in effect blocked for the window. */
  maxWaitSeconds: 15 * 60,
} as const;

export interface FailureCount {
  /** Failures in the current window. */
  count: number;
  /** When the latest of them happened (epoch ms); absent when there were none. */
  lastAt?: number;
}

export interface SignInCounters {
  pair: FailureCount;
  source: FailureCount;
  account: FailureCount;
}

/** Seconds to wait after the `failures`-th failure when `free` failures cost nothing: 0, then 1, 2, 4 … capped. */
export function backoffSeconds(failures: number, free: number, cap: number = SIGN_IN_POLICY.maxWaitSeconds): number {
  const over = failures - free;
  if (over <= 0) return 0;
  return Math.min(cap, 2 ** (over - 1));
}

function remaining(count: FailureCount, free: number, nowMs: number): number {
  if (!count.lastAt) return 0;
  const until = count.lastAt + backoffSeconds(count.count, free) * 1000;
  return Math.max(0, Math.ceil((until - nowMs) / 1000));
}

/**
 * Whole seconds this attempt must still wait (0: go ahead and check the password). The
 * account's own count only ever matters through the pair: a clean source (no failures on
 * this account, few anywhere) always goes through.
 */
export function signInWaitSeconds(counters: SignInCounters, now: Date, policy = SIGN_IN_POLICY): number {
  const nowMs = now.getTime();
  const pairFree = counters.account.count >= policy.accountBurst ? 0 : policy.freeFailuresPerPair;
  return Math.max(remaining(counters.pair, pairFree, nowMs), remaining(counters.source, policy.freeFailuresPerSource, nowMs));
}

/** True for the one failure that takes an account to a burst: the moment to tell its owner. */
export function isBurst(accountFailuresAfter: number, policy = SIGN_IN_POLICY): boolean {
  return accountFailuresAfter === policy.accountBurst;
}
