import { describe, expect, it } from "vitest";
import { API_WRITES_PER_IP, ROUTE_CLASSES, tooManyRequests, windowAt } from "./rate-limit";

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

});

describe("429 answers", () => {
  it("carry Retry-After in seconds and say the wait in minutes", () => {
    const error = tooManyRequests("rate_limited", 61, "booking attempts");
    expect(error).toMatchObject({ kind: "rate_limited", code: "rate_limited", headers: { "Retry-After": "61" } });
    expect(error.message).toBe("Too many booking attempts. Try again in 2 minutes.");
    expect(tooManyRequests("rate_limited", 1).message).toBe("Too many requests. Try again in 1 minute.");
  });
});

describe("the route classes", () => {
  it("allow more per address than per person (a clinic's Wi-Fi is shared), and well above real use", () => {
    for (const routeClass of Object.values(ROUTE_CLASSES)) {
      expect(routeClass.perIp.limit).toBeGreaterThan(routeClass.perUser.limit);
      expect(routeClass.perIp.windowSeconds).toBe(routeClass.perUser.windowSeconds);
    }
    // A client books a handful of times a year; twenty tries an hour is abuse, not use.
    expect(ROUTE_CLASSES.booking.perUser).toEqual({ limit: 20, windowSeconds: 3600 });
    // Every pay page load asks payments for its intent, so reloading counts.
    expect(ROUTE_CLASSES.paymentIntent.perUser.limit).toBeGreaterThanOrEqual(ROUTE_CLASSES.booking.perUser.limit);
    // The owner uploads a day's before/after photos in one sitting.
    expect(ROUTE_CLASSES.upload.perUser.limit).toBeGreaterThanOrEqual(100);
    // Two writes a second, sustained over five minutes, from one address.
    expect(API_WRITES_PER_IP.limit / API_WRITES_PER_IP.windowSeconds).toBe(2);
  });

  it("name their counters apart", () => {
    const names = [...Object.values(ROUTE_CLASSES).map((c) => c.name), API_WRITES_PER_IP.name];
    expect(new Set(names).size).toBe(names.length);
  });
});
