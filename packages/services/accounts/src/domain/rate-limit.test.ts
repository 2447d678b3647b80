import { describe, expect, it } from "vitest";
import { RATE_LIMITS, rateLimitSubject, tooManyAttempts } from "./rate-limit";

describe("accounts' rate limits", () => {
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
