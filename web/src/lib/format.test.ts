import { describe, expect, it } from "vitest";
import { localTimeOf } from "@mas/core/shared/time";
import { formatTime } from "./format";

/** One time format everywhere: the site's times read exactly as the mails' and texts' (core's localTimeOf, 24-hour). */
describe("formatTime", () => {
  it.each(["2026-06-11T13:00:00Z", "2026-12-01T14:00:00Z", "2026-06-11T08:05:00Z", "2026-03-29T01:30:00Z", "2026-10-25T01:30:00Z", "2026-06-11T23:30:00Z"])("%s reads as the mails write it", (iso) => {
    expect(formatTime(iso)).toBe(localTimeOf(new Date(iso)));
  });

  it("is the 24-hour clock", () => expect(formatTime("2026-06-11T13:00:00Z")).toBe("14:00"));
});
