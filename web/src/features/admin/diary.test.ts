import { describe, expect, it } from "vitest";
import { diaryRange, entriesOn, isDate, statusLabel } from "./diary";

describe("diary views", () => {
  it("a day view is that day, arrows a day either side", () => {
    expect(diaryRange("day", "2026-03-29")).toMatchObject({ from: "2026-03-29", to: "2026-03-29", previous: "2026-03-28", next: "2026-03-30" });
  });
  it("a week view runs Monday to Sunday around the date (across the clocks going forward), arrows a week", () => {
    const week = diaryRange("week", "2026-03-29");
    expect(week).toMatchObject({ from: "2026-03-23", to: "2026-03-29", previous: "2026-03-16", next: "2026-03-30" });
    expect(week.dates).toHaveLength(7);
  });
  it.each([
    ["2026-06-02", true],
    ["2026-6-2", false],
    ["2026-13-40", false],
    [null, false],
  ])("%s is a date: %s", (value, expected) => {
    expect(isDate(value)).toBe(expected);
  });
  it("lists one day's entries in time order", () => {
    const items = [
      { start: "2026-06-02T14:00:00+01:00", end: "2026-06-02T15:00:00+01:00", id: "b" },
      { start: "2026-06-03T09:00:00+01:00", end: "2026-06-03T10:00:00+01:00", id: "c" },
      { start: "2026-06-02T09:30:00+01:00", end: "2026-06-02T10:00:00+01:00", id: "a" },
    ];
    expect(entriesOn("2026-06-02", items).map((i) => i.id)).toEqual(["a", "b"]);
  });
  it("names statuses for people", () => {
    expect(statusLabel("pending_deposit")).toBe("Awaiting deposit");
    expect(statusLabel("no_show")).toBe("No-show");
  });
});
