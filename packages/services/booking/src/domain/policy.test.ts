import { describe, expect, it } from "vitest";
import { canReschedule, cancellationOutcome, noShowFee, type Actor } from "./policy";
import { clinic } from "../../test/fixtures";

/** A £250 treatment at 10:00 BST on Friday 12 June 2026 with a £50 deposit; default policy (48 h, 50%, 100%). */
const settings = clinic();
const START = new Date("2026-06-12T10:00:00+01:00");
const appointment = { start: START, priceInPence: 25_000, depositPaidInPence: 5_000 };

describe("cancellationOutcome", () => {
  it.each<[string, string, Actor, Partial<typeof appointment>, { allowed: boolean; late: boolean; feeInPence: number; refundInPence: number; uncoveredFeeInPence: number }]>([
    ["a week ahead", "2026-06-05T10:00:00+01:00", "client", {}, { allowed: true, late: false, feeInPence: 0, refundInPence: 5_000, uncoveredFeeInPence: 0 }],
    ["48 h and one second ahead", "2026-06-10T09:59:59+01:00", "client", {}, { allowed: true, late: false, feeInPence: 0, refundInPence: 5_000, uncoveredFeeInPence: 0 }],
    ["exactly 48 h ahead is late", "2026-06-10T10:00:00+01:00", "client", {}, { allowed: true, late: true, feeInPence: 12_500, refundInPence: 0, uncoveredFeeInPence: 7_500 }],
    [
      "late, deposit larger than the fee",
      "2026-06-11T10:00:00+01:00",
      "client",
      { priceInPence: 6_000, depositPaidInPence: 5_000 },
      { allowed: true, late: true, feeInPence: 3_000, refundInPence: 2_000, uncoveredFeeInPence: 0 },
    ],
    ["late, fee rounded half-up", "2026-06-11T10:00:00+01:00", "client", { priceInPence: 9_999, depositPaidInPence: 9_999 }, { allowed: true, late: true, feeInPence: 5_000, refundInPence: 4_999, uncoveredFeeInPence: 0 }],
    ["late, no deposit paid", "2026-06-11T10:00:00+01:00", "client", { depositPaidInPence: 0 }, { allowed: true, late: true, feeInPence: 12_500, refundInPence: 0, uncoveredFeeInPence: 12_500 }],
    ["a minute before the start", "2026-06-12T09:59:00+01:00", "client", {}, { allowed: true, late: true, feeInPence: 12_500, refundInPence: 0, uncoveredFeeInPence: 7_500 }],
    ["after the start (a no-show, not a cancellation)", "2026-06-12T10:00:00+01:00", "client", {}, { allowed: false, late: true, feeInPence: 0, refundInPence: 0, uncoveredFeeInPence: 0 }],
    ["the owner cancels a week ahead", "2026-06-05T10:00:00+01:00", "owner", {}, { allowed: true, late: false, feeInPence: 0, refundInPence: 5_000, uncoveredFeeInPence: 0 }],
    ["the owner cancels an hour before", "2026-06-12T09:00:00+01:00", "owner", {}, { allowed: true, late: false, feeInPence: 0, refundInPence: 5_000, uncoveredFeeInPence: 0 }],
  ])("%s (%s, %s)", (_, now, by, overrides, expected) => {
    expect(cancellationOutcome({ settings, appointment: { ...appointment, ...overrides }, now: new Date(now), by })).toEqual(expected);
  });

  it("counts the window in real hours across the clocks going back", () => {
    // 48 h before 10:00 GMT on Monday 2026-10-26 is 11:00 BST on Saturday, not 10:00.
    const start = new Date("2026-10-26T10:00:00+00:00");
    const late = (now: string) => cancellationOutcome({ settings, appointment: { ...appointment, start }, now: new Date(now), by: "client" }).late;
    expect([late("2026-10-24T10:59:59+01:00"), late("2026-10-24T11:00:00+01:00")]).toEqual([false, true]);
  });

  it("honours the clinic's own window and fee", () => {
    const strict = clinic({ cancellationWindowHours: 24, lateCancelFeePercent: 100 });
    const cancel = (now: string) => cancellationOutcome({ settings: strict, appointment, now: new Date(now), by: "client" });
    expect(cancel("2026-06-11T09:00:00+01:00")).toMatchObject({ late: false, refundInPence: 5_000 });
    expect(cancel("2026-06-11T11:00:00+01:00")).toMatchObject({ late: true, feeInPence: 25_000, refundInPence: 0, uncoveredFeeInPence: 20_000 });
  });

  it("rejects amounts that are not whole pence", () => {
    expect(() => cancellationOutcome({ settings, appointment: { ...appointment, priceInPence: 250.5 }, now: new Date("2026-06-01T10:00:00+01:00"), by: "client" })).toThrow(/priceInPence/);
  });
});

describe("noShowFee", () => {
  it.each([
    [100, 25_000, 25_000],
    [50, 25_000, 12_500],
    [50, 9_999, 5_000],
    [0, 25_000, 0],
  ])("%i%% of %i is %i", (noShowFeePercent, price, fee) => {
    expect(noShowFee(clinic({ noShowFeePercent }), price)).toBe(fee);
  });
});

describe("canReschedule", () => {
  it.each<[string, Actor, boolean]>([
    ["2026-06-05T10:00:00+01:00", "client", true],
    ["2026-06-10T09:59:59+01:00", "client", true],
    ["2026-06-10T10:00:00+01:00", "client", false],
    ["2026-06-12T09:00:00+01:00", "client", false],
    ["2026-06-12T09:00:00+01:00", "owner", true],
    ["2026-06-12T10:00:00+01:00", "owner", false],
  ])("at %s by the %s → %s", (now, by, allowed) => {
    expect(canReschedule({ settings, appointmentStart: START, now: new Date(now), by })).toBe(allowed);
  });
});
