import { describe, expect, it } from "vitest";
import { bookingWeekStartOf, weekLabel } from "./week";

describe("bookingWeekStartOf (the strip starts today, then in sevens)", () => {
  it.each([
    ["2026-12-03", "2026-12-03"], // today itself
    ["2026-11-30", "2026-12-03"], // this week's Monday, already gone: today
    ["2026-12-09", "2026-12-03"], // the sixth day on
    ["2026-12-10", "2026-12-10"], // the seventh day starts the next window
    ["2026-12-14", "2026-12-10"], // an older link's Monday: the window holding it
    ["2027-03-04", "2027-03-04"], // across the new year and a DST change, still in sevens
  ])("%s → %s when today is 2026-12-03", (date, start) => {
    expect(bookingWeekStartOf(date, "2026-12-03")).toBe(start);
  });
});

describe("weekLabel", () => {
  it.each([
    ["2026-12-03", "3 – 9 December 2026"],
    ["2026-12-29", "29 December 2026 – 4 January 2027"],
    ["2026-06-29", "29 June – 5 July 2026"],
  ])("%s → %s", (first, label) => expect(weekLabel(first)).toBe(label));
});
