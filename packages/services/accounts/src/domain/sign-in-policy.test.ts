import { describe, expect, it } from "vitest";
import { backoffSeconds, isBurst, signInWaitSeconds, SIGN_IN_POLICY, type SignInCounters } from "./sign-in-policy";

const now = new Date("2026-06-01T10:00:00Z");
const ago = (seconds: number) => now.getTime() - seconds * 1000;
const none = { count: 0 };
const counters = (partial: Partial<SignInCounters>): SignInCounters => ({ pair: none, source: none, account: none, ...partial });

describe("sign-in backoff", () => {
  it.each([
    [0, 3, 0],
    [3, 3, 0],
    [4, 3, 1],
    [5, 3, 2],
    [6, 3, 4],
    [13, 3, 512],
    [14, 3, 900],
    [50, 3, 900],
    [1, 0, 1],
  ])("after %i failures with %i free, waits %is", (failures, free, wait) => {
    expect(backoffSeconds(failures, free)).toBe(wait);
  });

  it("never shortens as failures grow (property over 0..200 failures, any free count)", () => {
    for (let free = 0; free <= 10; free++) {
      let previous = 0;
      for (let failures = 0; failures <= 200; failures++) {
        const wait = backoffSeconds(failures, free);
        expect(wait).toBeGreaterThanOrEqual(previous);
        expect(wait).toBeLessThanOrEqual(SIGN_IN_POLICY.maxWaitSeconds);
        previous = wait;
      }
    }
  });
});

describe("who waits", () => {
  it("a source's first three wrong passwords on an account cost nothing; the fourth makes it wait", () => {
    expect(signInWaitSeconds(counters({ pair: { count: 3, lastAt: ago(0) }, source: { count: 3, lastAt: ago(0) }, account: { count: 3, lastAt: ago(0) } }), now)).toBe(0);
    expect(signInWaitSeconds(counters({ pair: { count: 5, lastAt: ago(0) }, source: { count: 5, lastAt: ago(0) }, account: { count: 5, lastAt: ago(0) } }), now)).toBe(2);
  });

  it("the wait runs from the latest failure", () => {
    const pair = { count: 8, lastAt: ago(10) }; // 16 s after the 8th failure
    expect(signInWaitSeconds(counters({ pair }), now)).toBe(6);
    expect(signInWaitSeconds(counters({ pair: { count: 8, lastAt: ago(16) } }), now)).toBe(0);
  });

  it("after 50 failures a source is held to the cap, but a clean source gets straight through — even on a burst account", () => {
    const attacker = counters({ pair: { count: 50, lastAt: ago(1) }, source: { count: 50, lastAt: ago(1) }, account: { count: 50, lastAt: ago(1) } });
    expect(signInWaitSeconds(attacker, now)).toBe(SIGN_IN_POLICY.maxWaitSeconds - 1);
    const owner = counters({ account: { count: 50, lastAt: ago(1) } });
    expect(signInWaitSeconds(owner, now)).toBe(0);
  });

  it("a source failing across many accounts waits even on an account it has not tried", () => {
    expect(signInWaitSeconds(counters({ source: { count: 12, lastAt: ago(0) } }), now)).toBe(2);
    expect(signInWaitSeconds(counters({ source: { count: 10, lastAt: ago(0) } }), now)).toBe(0);
  });

  it("on a burst account a source that has failed there gets no free tries", () => {
    const account = { count: SIGN_IN_POLICY.accountBurst, lastAt: ago(0) };
    expect(signInWaitSeconds(counters({ pair: { count: 1, lastAt: ago(0) }, account }), now)).toBe(1);
    expect(signInWaitSeconds(counters({ pair: { count: 1, lastAt: ago(0) }, account: { count: SIGN_IN_POLICY.accountBurst - 1 } }), now)).toBe(0);
  });

  it("counts nothing for right passwords: with no failures nobody waits, however many sign-ins", () => {
    expect(signInWaitSeconds(counters({}), now)).toBe(0);
  });

  it("tells the owner once: only the failure that reaches the burst", () => {
    expect([9, 10, 11, 50].map((n) => isBurst(n))).toEqual([false, true, false, false]);
  });
});
