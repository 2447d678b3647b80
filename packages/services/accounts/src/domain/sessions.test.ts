import { describe, expect, it } from "vitest";
import { isLive, renewedExpiry, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./sessions";

const seconds = (iso: string) => Date.parse(iso) / 1000;
const signedInAt = "2026-06-01T09:00:00Z";
const session = {
  lastSeenAt: signedInAt,
  expiresAt: seconds(signedInAt) + SESSION_IDLE_SECONDS,
  absoluteExpiresAt: seconds(signedInAt) + SESSION_MAX_SECONDS,
};

describe("session expiry", () => {
  it("lasts 14 days idle, renews at most hourly, and never beyond 90 days", () => {
    expect([SESSION_IDLE_SECONDS, SESSION_RENEW_AFTER_SECONDS, SESSION_MAX_SECONDS]).toEqual([14 * 86400, 3600, 90 * 86400]);
  });

  it.each([
    ["just signed in", "2026-06-01T09:00:01Z", true],
    ["13 days later", "2026-06-14T09:00:00Z", true],
    ["one second before idle expiry", "2026-06-15T08:59:59Z", true],
    ["at idle expiry", "2026-06-15T09:00:00Z", false],
    ["a month later", "2026-07-01T09:00:00Z", false],
  ])("is live %s: %s → %s", (_case, now, live) => {
    expect(isLive(session, new Date(now))).toBe(live);
  });

  it("ends at the absolute limit even if renewed", () => {
    const renewedLate = { ...session, expiresAt: session.absoluteExpiresAt + 1000 };
    expect(isLive(renewedLate, new Date((session.absoluteExpiresAt - 1) * 1000))).toBe(true);
    expect(isLive(renewedLate, new Date(session.absoluteExpiresAt * 1000))).toBe(false);
  });

  it.each([
    ["59 minutes after last use: no write", "2026-06-01T09:59:00Z", undefined],
    ["an hour after last use: renewed 14 days from now", "2026-06-01T10:00:00Z", seconds("2026-06-15T10:00:00Z")],
    ["ten days later: renewed", "2026-06-11T09:00:00Z", seconds("2026-06-25T09:00:00Z")],
  ])("renewal %s", (_case, now, expected) => {
    expect(renewedExpiry(session, new Date(now))).toBe(expected);
  });

  it("caps renewal at 90 days from sign-in, and stops renewing there", () => {
    const old = { lastSeenAt: "2026-08-20T09:00:00Z", expiresAt: seconds("2026-08-25T09:00:00Z"), absoluteExpiresAt: session.absoluteExpiresAt };
    expect(renewedExpiry(old, new Date("2026-08-24T09:00:00Z"))).toBe(session.absoluteExpiresAt);
    const capped = { ...old, expiresAt: session.absoluteExpiresAt };
    expect(renewedExpiry(capped, new Date("2026-08-25T12:00:00Z"))).toBeUndefined();
  });
});
