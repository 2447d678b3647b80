import { describe, expect, it } from "vitest";
import { BusinessSettings, depositFor, Service, type DepositRule } from "./settings";
import { clinicHours, treatment } from "../../test/fixtures";

describe("BusinessSettings", () => {
  it("applies the clinic's defaults", () => {
    expect(BusinessSettings.parse({ weeklyHours: clinicHours })).toEqual({
      timeZone: "Europe/London",
      weeklyHours: clinicHours,
      closures: [],
      extraHours: [],
      blockedTimes: [],
      trainingDays: [],
      slotStepMinutes: 15,
      minimumNoticeMinutes: 1440,
      bookingHorizonDays: 90,
      cancellationWindowHours: 48,
      cancellationGraceMinutes: 60,
      lateCancelFeePercent: 50,
      noShowFeePercent: 100,
      defaultDeposit: { kind: "fixed", amountInPence: 5_000 },
    });
  });

  const monday = (ranges: { start: string; end: string }[]) => [[], ranges, [], [], [], [], []];

  it.each([
    ["overlapping ranges", { weeklyHours: monday([{ start: "09:00", end: "13:00" }, { start: "12:00", end: "17:00" }]) }, "must not overlap"],
    ["a range ending before it starts", { weeklyHours: monday([{ start: "17:00", end: "09:00" }]) }, "end after it starts"],
    ["an empty range", { weeklyHours: monday([{ start: "09:00", end: "09:00" }]) }, "end after it starts"],
    ["a 12-hour time", { weeklyHours: monday([{ start: "9:00", end: "17:00" }]) }, "HH:mm"],
    ["six weekdays", { weeklyHours: [[], [], [], [], [], []] }, ""],
    ["a step that does not divide an hour", { weeklyHours: clinicHours, slotStepMinutes: 25 }, "5, 10, 15, 20, 30 or 60"],
    ["a step off the 5-minute diary unit", { weeklyHours: clinicHours, slotStepMinutes: 12 }, "5, 10, 15, 20, 30 or 60"],
    ["an impossible date", { weeklyHours: clinicHours, closures: [{ date: "2026-02-30", reason: "?" }] }, "real date"],
    ["a closure ending before it starts", { weeklyHours: clinicHours, closures: [{ from: "2026-08-10", to: "2026-08-01", reason: "Holiday" }] }, "on or after"],
    ["opening hours off the 5-minute grid", { weeklyHours: monday([{ start: "09:07", end: "17:00" }]) }, "5-minute grid"],
    ["extra hours off the 5-minute grid", { weeklyHours: clinicHours, extraHours: [{ date: "2026-08-01", start: "10:00", end: "12:03" }] }, "5-minute grid"],
    ["a diary block off the 5-minute grid", { weeklyHours: clinicHours, blockedTimes: [{ blockId: "b1", date: "2026-08-01", start: "10:02", end: "11:00", reason: "Admin" }] }, "5-minute grid"],
    ["an unknown time zone", { weeklyHours: clinicHours, timeZone: "Europe/Londres" }, "Unknown time zone"],
    ["a fee over 100%", { weeklyHours: clinicHours, lateCancelFeePercent: 120 }, ""],
  ])("rejects %s", (_, input, message) => {
    const result = BusinessSettings.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join("; ")).toContain(message);
  });

  it.each([
    ["touching ranges", monday([{ start: "09:00", end: "12:00" }, { start: "12:00", end: "17:00" }])],
    ["ranges out of order", monday([{ start: "13:00", end: "17:00" }, { start: "09:00", end: "12:00" }])],
  ])("accepts %s", (_, weeklyHours) => {
    expect(BusinessSettings.safeParse({ weeklyHours }).success).toBe(true);
  });
});

describe("Service", () => {
  it("applies defaults", () => {
    expect(treatment()).toMatchObject({ description: "", bufferBeforeMinutes: 0, bufferAfterMinutes: 0, requiresPatchTest: false, minAge: 18, requiresConsultation: false, active: true });
  });

  it.each([
    ["a slug with capitals", { slug: "Lip-Filler" }],
    ["a slug with a trailing hyphen", { slug: "lip-filler-" }],
    ["an unknown category", { category: "botox" }],
    ["a price in pounds", { priceInPence: 199.99 }],
    ["a zero-length treatment", { durationMinutes: 0 }],
    ["a duration off the 5-minute diary unit", { durationMinutes: 32 }],
    ["a buffer off the 5-minute diary unit", { bufferAfterMinutes: 7 }],
    ["a percent deposit of 0", { deposit: { kind: "percent", percent: 0 } }],
  ])("rejects %s", (_, overrides) => {
    expect(() => treatment(overrides as never)).toThrow();
  });

  it("knows the UK aesthetics categories", () => {
    for (const category of ["consultation", "anti-wrinkle", "dermal-filler", "skin-booster", "chemical-peel", "microneedling", "facial", "other"]) {
      expect(Service.shape.category.safeParse(category).success).toBe(true);
    }
  });
});

describe("depositFor", () => {
  it.each<[string, DepositRule, number, number]>([
    ["no deposit", { kind: "none" }, 25_000, 0],
    ["a fixed deposit", { kind: "fixed", amountInPence: 5_000 }, 25_000, 5_000],
    ["a fixed deposit capped at the price", { kind: "fixed", amountInPence: 5_000 }, 3_500, 3_500],
    ["a percentage", { kind: "percent", percent: 25 }, 25_000, 6_250],
    ["a percentage rounded half-up", { kind: "percent", percent: 50 }, 12_345, 6_173],
    ["the full price", { kind: "full" }, 9_900, 9_900],
  ])("%s", (_, deposit, priceInPence, expected) => {
    expect(depositFor({ deposit, priceInPence })).toBe(expected);
  });
});
