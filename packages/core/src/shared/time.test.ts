import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  addLocalMonths,
  addMinutes,
  eachLocalDate,
  instantAt,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  londonDateOf,
  minutesOfDay,
  TIME_ZONE,
  toIsoWithOffset,
  weekdayOf,
} from "./time";

describe("londonDateOf", () => {
  it.each([
    ["2026-06-30T22:59:59Z", "2026-06-30"],
    ["2026-06-30T23:00:00Z", "2026-07-01"], // midnight BST
    ["2026-12-31T23:59:59Z", "2026-12-31"], // GMT: UTC date = local date
    ["2027-01-01T00:00:00Z", "2027-01-01"],
    ["2026-03-29T00:59:00Z", "2026-03-29"],
    ["2026-10-24T23:30:00Z", "2026-10-25"], // 00:30 BST on the fall-back day
  ])("%s is %s in London", (instant, date) => {
    expect(londonDateOf(new Date(instant))).toBe(date);
  });

  it("takes another zone when asked", () => {
    expect(localDateOf(new Date("2026-06-30T23:30:00Z"), "America/New_York")).toBe("2026-06-30");
    expect(localDateOf(new Date("2026-06-30T23:30:00Z"), "Asia/Tokyo")).toBe("2026-07-01");
  });
});

describe("instantAt", () => {
  it.each([
    ["2026-07-01", "10:00", "2026-07-01T09:00:00.000Z"],
    ["2026-12-01", "10:00", "2026-12-01T10:00:00.000Z"],
    ["2026-03-29", "00:59", "2026-03-29T00:59:00.000Z"],
    // Spring forward: 01:00–01:59 never happens; it maps to the change itself (02:00 BST).
    ["2026-03-29", "01:00", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29", "01:30", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29", "01:59", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29", "02:00", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29", "02:30", "2026-03-29T01:30:00.000Z"],
    ["2027-03-28", "01:15", "2027-03-28T01:00:00.000Z"],
    // Fall back: 01:00–01:59 happens twice; the first (BST) occurrence is taken.
    ["2026-10-25", "00:59", "2026-10-24T23:59:00.000Z"],
    ["2026-10-25", "01:00", "2026-10-25T00:00:00.000Z"],
    ["2026-10-25", "01:30", "2026-10-25T00:30:00.000Z"],
    ["2026-10-25", "01:59", "2026-10-25T00:59:00.000Z"],
    ["2026-10-25", "02:00", "2026-10-25T02:00:00.000Z"],
  ])("%s %s London is %s", (date, time, iso) => {
    expect(instantAt(date, time, TIME_ZONE).toISOString()).toBe(iso);
  });

  it("is non-decreasing in wall time through both transitions", () => {
    for (const date of ["2026-03-29", "2026-10-25", "2027-03-28"]) {
      let previous = -Infinity;
      for (let minute = 0; minute < 24 * 60; minute++) {
        const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
        const at = instantAt(date, time).getTime();
        expect(at).toBeGreaterThanOrEqual(previous);
        previous = at;
      }
    }
  });

  it("works in other zones (New York spring forward at 02:00)", () => {
    expect(instantAt("2026-03-08", "02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(instantAt("2026-03-08", "09:00", "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });

  it.each([
    ["2026-02-30", "10:00"],
    ["2026-1-01", "10:00"],
    ["2026-01-01", "24:00"],
    ["2026-01-01", "9:00"],
  ])("rejects %s %s", (date, time) => {
    expect(() => instantAt(date, time)).toThrow(RangeError);
  });

  it("rejects an unknown zone", () => {
    expect(() => instantAt("2026-01-01", "10:00", "Mars/Olympus")).toThrow(/Unknown time zone/);
  });
});

describe("toIsoWithOffset", () => {
  it.each([
    ["2026-07-01T09:00:00Z", "2026-07-01T10:00:00+01:00"],
    ["2026-12-01T10:00:00Z", "2026-12-01T10:00:00+00:00"],
    ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00+01:00"],
    ["2026-10-25T01:30:00Z", "2026-10-25T01:30:00+00:00"],
    ["2026-03-29T01:00:00Z", "2026-03-29T02:00:00+01:00"],
  ])("%s → %s", (instant, iso) => {
    expect(toIsoWithOffset(new Date(instant))).toBe(iso);
  });

  it("uses +00:00, never Z, for UTC", () => {
    expect(toIsoWithOffset(new Date("2026-07-01T09:00:00Z"), "UTC")).toBe("2026-07-01T09:00:00+00:00");
  });
});

describe("local calendar arithmetic", () => {
  it.each([
    ["2026-03-28", "2026-03-30", ["2026-03-28", "2026-03-29", "2026-03-30"]],
    ["2028-02-28", "2028-03-01", ["2028-02-28", "2028-02-29", "2028-03-01"]],
    ["2026-12-31", "2027-01-01", ["2026-12-31", "2027-01-01"]],
    ["2026-06-10", "2026-06-10", ["2026-06-10"]],
    ["2026-06-11", "2026-06-10", []],
  ])("eachLocalDate(%s, %s)", (from, to, dates) => {
    expect(eachLocalDate(from, to)).toEqual(dates);
  });

  it.each([
    ["2026-10-24", 1, "2026-10-25"],
    ["2026-10-25", 1, "2026-10-26"],
    ["2026-03-29", -1, "2026-03-28"],
    ["2026-06-01", 90, "2026-08-30"],
    ["2027-12-31", 1, "2028-01-01"],
  ])("addLocalDays(%s, %i) = %s", (date, days, result) => {
    expect(addLocalDays(date, days)).toBe(result);
  });

  it.each([
    ["2026-08-31", -6, "2026-02-28"],
    ["2028-08-31", -6, "2028-02-29"],
    ["2026-07-15", -6, "2026-01-15"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-11-30", 3, "2027-02-28"],
  ])("addLocalMonths(%s, %i) = %s", (date, months, result) => {
    expect(addLocalMonths(date, months)).toBe(result);
  });

  it.each([
    ["2026-03-29", 0],
    ["2026-06-10", 3],
    ["2026-10-24", 6],
  ])("weekdayOf(%s) = %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe("localTimeOf (24-hour, as the site, mails and texts write times)", () => {
  it.each([
    ["2026-06-11T13:00:00Z", "14:00"], // BST
    ["2026-12-01T14:00:00Z", "14:00"], // GMT
    ["2026-06-11T08:05:00Z", "09:05"],
    ["2026-03-29T00:30:00Z", "00:30"], // before the clocks go forward
    ["2026-03-29T01:30:00Z", "02:30"], // after
    ["2026-10-25T00:30:00Z", "01:30"], // the first 01:30 (BST)
    ["2026-10-25T01:30:00Z", "01:30"], // the second (GMT)
    ["2026-06-11T23:30:00Z", "00:30"], // past midnight in London
  ])("%s → %s in London", (iso, time) => expect(localTimeOf(new Date(iso))).toBe(time));
});

describe("small helpers", () => {
  it("addMinutes returns a new instant and leaves the input alone", () => {
    const start = new Date("2026-03-29T00:30:00Z");
    expect(addMinutes(start, 60).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(start.toISOString()).toBe("2026-03-29T00:30:00.000Z");
  });

  it("validates local dates, times and zones", () => {
    expect([isLocalDate("2028-02-29"), isLocalDate("2027-02-29"), isLocalDate("2026-13-01")]).toEqual([true, false, false]);
    expect([isLocalTime("23:59"), isLocalTime("24:00"), isLocalTime("7:00")]).toEqual([true, false, false]);
    expect([isValidTimeZone("Europe/London"), isValidTimeZone("Europe/Londres")]).toEqual([true, false]);
    expect(minutesOfDay("09:30")).toBe(570);
  });
});

describe("agrees with TZDate + date-fns (the oracle) away from the DST edges", () => {
  const instant = fc.integer({ min: Date.parse("2000-01-01T00:00:00Z"), max: Date.parse("2040-01-01T00:00:00Z") }).map((ms) => new Date(ms));
  const zone = fc.constantFrom("Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC");

  it("toIsoWithOffset and localDateOf", () => {
    fc.assert(
      fc.property(instant, zone, (at, timeZone) => {
        expect(toIsoWithOffset(at, timeZone)).toBe(format(new TZDate(at, timeZone), "yyyy-MM-dd'T'HH:mm:ssxxx"));
        expect(localDateOf(at, timeZone)).toBe(format(new TZDate(at, timeZone), "yyyy-MM-dd"));
        expect(localTimeOf(at, timeZone)).toBe(format(new TZDate(at, timeZone), "HH:mm"));
      }),
      { numRuns: 500 },
    );
  });

  it("instantAt round-trips every wall time that happens exactly once", () => {
    fc.assert(
      fc.property(instant, zone, (at, timeZone) => {
        const local = new TZDate(at, timeZone);
        const [date, time] = [format(local, "yyyy-MM-dd"), format(local, "HH:mm")];
        const wall = instantAt(date, time, timeZone);
        const once = toIsoWithOffset(new Date(wall.getTime() - 3_600_000), timeZone).slice(11, 16) !== time &&
          toIsoWithOffset(new Date(wall.getTime() + 3_600_000), timeZone).slice(11, 16) !== time;
        fc.pre(once);
        expect(wall.getTime()).toBe(Math.floor(at.getTime() / 60_000) * 60_000);
      }),
      { numRuns: 500 },
    );
  });
});
