import { describe, expect, it } from "vitest";
import { RATE_LIMITS, rateLimitSubject, tooManyAttempts, windowAt } from "./rate-limit";

const at = (iso: string) => new Date(iso);
const epoch = (iso: string) => Date.parse(iso) / 1000;

describe("fixed rate-limit windows", () => {
  it.each([
    // now, window length (s), window start, seconds until it closes
    ["2026-06-01T09:00:00Z", 900, "2026-06-01T09:00:00Z", 900],
    ["2026-06-01T09:00:00.999Z", 900, "2026-06-01T09:00:00Z", 900],
    ["2026-06-01T09:07:30Z", 900, "2026-06-01T09:00:00Z", 450],
    ["2026-06-01T09:14:59Z", 900, "2026-06-01T09:00:00Z", 1],
    ["2026-06-01T09:14:59.900Z", 900, "2026-06-01T09:00:00Z", 1],
    ["2026-06-01T09:15:00Z", 900, "2026-06-01T09:15:00Z", 900],
    ["2026-06-01T09:59:00Z", 3600, "2026-06-01T09:00:00Z", 60],
    // Windows are UTC epoch multiples: the clock change does not shift them.
    ["2026-03-29T01:05:00Z", 3600, "2026-03-29T01:00:00Z", 3300],
  ])("at %s a %is window opened at %s and closes in %is", (now, length, start, retryAfter) => {
    const window = windowAt(at(now), length);
    expect(window.start).toBe(epoch(start));
    expect(window.end).toBe(epoch(start) + length);
    expect(window.retryAfterSeconds).toBe(retryAfter);
  });

  it("puts every instant of a window in the same counter and the next instant in a new one", () => {
    const first = windowAt(at("2026-06-01T09:00:00Z"), 900).start;
    for (let second = 0; second < 900; second += 37) expect(windowAt(new Date(Date.parse("2026-06-01T09:00:00Z") + second * 1000), 900).start).toBe(first);
    expect(windowAt(at("2026-06-01T09:15:00Z"), 900).start).toBe(first + 900);
  });

  it("lets a cohort of 30 register from one address in an hour", () => {
    expect(RATE_LIMITS.registerPerIp).toMatchObject({ limit: 30, windowSeconds: 3600 });
  });

  it("keys email counters by a hash, case-insensitively, never by the address", () => {
    const subject = rateLimitSubject("email", "Ana@Example.com ");
    expect(subject).toBe(rateLimitSubject("email", "ana@example.com"));
    expect(subject).toMatch(/^[0-9a-f]{32}$/);
    expect(rateLimitSubject("ip", "203.0.113.9")).toBe("203.0.113.9");
  });

  it("answers 429 with Retry-After in seconds and a message in minutes", () => {
    const error = tooManyAttempts(61);
    expect(error).toMatchObject({ kind: "rate_limited", code: "accounts.rate_limited", headers: { "Retry-After": "61" } });
    expect(error.message).toBe("Too many attempts. Try again in 2 minutes.");
    expect(tooManyAttempts(30).message).toBe("Too many attempts. Try again in 1 minute.");
  });
});
