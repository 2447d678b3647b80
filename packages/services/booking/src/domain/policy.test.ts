import { describe, expect, it } from "vitest";
import { canReschedule, cancellationNotice, cancellationOutcome, cancellationTermsFor, isInGracePeriod, noShowFee, type Actor, type CancellationTerms } from "./policy";
import { clinic } from "../../test/fixtures";

/**
 * A £250 treatment at 10:00 BST on Friday 12 June 2026 with a £50 deposit, booked on 1 June;
 * default policy (48 h, 50%, 60-minute grace, 100% no-show), late fee capped at the deposit.
 */
const settings = clinic();
const terms = cancellationTermsFor(settings, 5_000);
const START = new Date("2026-06-12T10:00:00+01:00");
const BOOKED = new Date("2026-06-01T09:00:00+01:00");
const appointment = { start: START, bookedAt: BOOKED, priceInPence: 25_000, depositPaidInPence: 5_000 };
type Outcome = { allowed: boolean; late: boolean; inGracePeriod: boolean; feeInPence: number; refundInPence: number; uncoveredFeeInPence: number };
const free = (refundInPence = 5_000): Outcome => ({ allowed: true, late: false, inGracePeriod: false, feeInPence: 0, refundInPence, uncoveredFeeInPence: 0 });
const late = (feeInPence: number, refundInPence: number, uncoveredFeeInPence = 0): Outcome => ({ allowed: true, late: true, inGracePeriod: false, feeInPence, refundInPence, uncoveredFeeInPence });

describe("cancellationTermsFor", () => {
  it("takes the window, fee and grace from the settings and caps the fee at the deposit", () => {
    expect(terms).toEqual({ windowHours: 48, lateFeePercent: 50, graceMinutes: 60, lateFeeCapInPence: 5_000 });
    expect(cancellationTermsFor(clinic({ cancellationGraceMinutes: 15 }), 0)).toMatchObject({ graceMinutes: 15, lateFeeCapInPence: 0 });
  });
});

describe("cancellationOutcome", () => {
  it.each<[string, string, Actor, Partial<typeof appointment>, Outcome]>([
    ["a week ahead", "2026-06-05T10:00:00+01:00", "client", {}, free()],
    ["48 h and one second ahead", "2026-06-10T09:59:59+01:00", "client", {}, free()],
    // 50% of £250 is £125, but the client was shown "you lose your £50 deposit": the fee is £50.
    ["exactly 48 h ahead is late; the fee is capped at the deposit", "2026-06-10T10:00:00+01:00", "client", {}, late(5_000, 0)],
    ["late, deposit larger than the fee", "2026-06-11T10:00:00+01:00", "client", { priceInPence: 6_000, depositPaidInPence: 5_000 }, late(3_000, 2_000)],
    ["late, fee rounded half-up", "2026-06-11T10:00:00+01:00", "client", { priceInPence: 9_999, depositPaidInPence: 9_999 }, late(5_000, 4_999)],
    ["late, deposit not paid: the capped fee is owed", "2026-06-11T10:00:00+01:00", "client", { depositPaidInPence: 0 }, late(5_000, 0, 5_000)],
    ["a minute before the start", "2026-06-12T09:59:00+01:00", "client", {}, late(5_000, 0)],
    ["after the start (a no-show, not a cancellation)", "2026-06-12T10:00:00+01:00", "client", {}, { allowed: false, late: true, inGracePeriod: false, feeInPence: 0, refundInPence: 0, uncoveredFeeInPence: 0 }],
    ["the owner cancels a week ahead", "2026-06-05T10:00:00+01:00", "owner", {}, free()],
    ["the owner cancels an hour before", "2026-06-12T09:00:00+01:00", "owner", {}, free()],
  ])("%s (%s, %s)", (_, now, by, overrides, expected) => {
    expect(cancellationOutcome({ terms, appointment: { ...appointment, ...overrides }, now: new Date(now), by })).toEqual(expected);
  });

  it("a slot for tomorrow cancelled 4 minutes after booking is free (the £90-fee report)", () => {
    // £180 treatment, £50 deposit, booked at 10:00 for 11:00 tomorrow (inside the 48 h window).
    const booked = { start: new Date("2026-06-12T11:00:00+01:00"), bookedAt: new Date("2026-06-11T10:00:00+01:00"), priceInPence: 18_000, depositPaidInPence: 5_000 };
    expect(cancellationOutcome({ terms, appointment: booked, now: new Date("2026-06-11T10:04:00+01:00"), by: "client" })).toEqual({ ...free(), inGracePeriod: true });
    // After the grace period the fee is the deposit, never the £90 (50% of the price) it used to be.
    expect(cancellationOutcome({ terms, appointment: booked, now: new Date("2026-06-11T11:30:00+01:00"), by: "client" })).toEqual(late(5_000, 0));
  });

  it.each([
    ["59:59 after booking", "2026-06-11T10:59:59+01:00", true],
    ["exactly 60:00 after booking (the boundary is free)", "2026-06-11T11:00:00+01:00", true],
    ["60:00.001 after booking", "2026-06-11T11:00:00.001+01:00", false],
  ])("grace boundary: %s → in grace %s", (_, now, inGrace) => {
    const booked = { ...appointment, start: new Date("2026-06-12T11:00:00+01:00"), bookedAt: new Date("2026-06-11T10:00:00+01:00") };
    const outcome = cancellationOutcome({ terms, appointment: booked, now: new Date(now), by: "client" });
    expect([outcome.inGracePeriod, outcome.feeInPence]).toEqual(inGrace ? [true, 0] : [false, 5_000]);
  });

  it("counts the grace period in elapsed minutes when the clocks go back (25-hour day, 2026-10-25)", () => {
    // Booked 01:30 BST; an hour later the wall clock reads 01:30 GMT again.
    const booked = { ...appointment, start: new Date("2026-10-26T10:00:00+00:00"), bookedAt: new Date("2026-10-25T01:30:00+01:00") };
    const at = (now: string) => cancellationOutcome({ terms, appointment: booked, now: new Date(now), by: "client" }).inGracePeriod;
    expect([at("2026-10-25T01:30:00+00:00"), at("2026-10-25T01:30:01+00:00")]).toEqual([true, false]);
  });

  it("a grace period of 0 minutes means only the instant of booking is free", () => {
    const none = cancellationTermsFor(clinic({ cancellationGraceMinutes: 0 }), 5_000);
    const booked = { ...appointment, start: new Date("2026-06-12T11:00:00+01:00"), bookedAt: new Date("2026-06-11T10:00:00+01:00") };
    expect(cancellationOutcome({ terms: none, appointment: booked, now: new Date("2026-06-11T10:00:01+01:00"), by: "client" }).feeInPence).toBe(5_000);
  });

  it("never applies grace to a time before the booking (a clock skew is not a free pass)", () => {
    expect(isInGracePeriod(terms, BOOKED, new Date(BOOKED.getTime() - 1))).toBe(false);
  });

  it("counts the window in real hours across the clocks going back", () => {
    // 48 h before 10:00 GMT on Monday 2026-10-26 is 11:00 BST on Saturday, not 10:00.
    const start = new Date("2026-10-26T10:00:00+00:00");
    const isLate = (now: string) => cancellationOutcome({ terms, appointment: { ...appointment, start }, now: new Date(now), by: "client" }).late;
    expect([isLate("2026-10-24T10:59:59+01:00"), isLate("2026-10-24T11:00:00+01:00")]).toEqual([false, true]);
  });

  it("honours the clinic's own window, fee and a cap the policy stated", () => {
    const strict: CancellationTerms = { ...cancellationTermsFor(clinic({ cancellationWindowHours: 24, lateCancelFeePercent: 100 }), 5_000), lateFeeCapInPence: 25_000 };
    const cancel = (now: string) => cancellationOutcome({ terms: strict, appointment, now: new Date(now), by: "client" });
    expect(cancel("2026-06-11T09:00:00+01:00")).toMatchObject({ late: false, refundInPence: 5_000 });
    expect(cancel("2026-06-11T11:00:00+01:00")).toMatchObject({ late: true, feeInPence: 25_000, refundInPence: 0, uncoveredFeeInPence: 20_000 });
  });

  it("rejects amounts that are not whole pence", () => {
    expect(() => cancellationOutcome({ terms, appointment: { ...appointment, priceInPence: 250.5 }, now: new Date("2026-06-01T10:00:00+01:00"), by: "client" })).toThrow(/priceInPence/);
  });
});

describe("cancellationNotice (what the confirm step says)", () => {
  it("a slot already inside the window: free only until the grace period ends, then the capped fee", () => {
    const notice = cancellationNotice({ terms, start: new Date("2026-06-12T11:00:00+01:00"), priceInPence: 18_000, now: new Date("2026-06-11T10:00:00+01:00") });
    expect(notice).toEqual({
      insideWindow: true,
      graceEndsAt: new Date("2026-06-11T11:00:00+01:00"),
      lateFeeFrom: new Date("2026-06-11T11:00:00+01:00"),
      lateFeeInPence: 5_000,
    });
  });

  it("a slot well ahead: free until the window opens", () => {
    const notice = cancellationNotice({ terms, start: START, priceInPence: 25_000, now: BOOKED });
    expect(notice).toMatchObject({ insideWindow: false, lateFeeFrom: new Date("2026-06-10T10:00:00+01:00") });
  });

  it("a slot starting within the grace period: the grace period ends at the start", () => {
    const notice = cancellationNotice({ terms, start: new Date("2026-06-11T10:30:00+01:00"), priceInPence: 25_000, now: new Date("2026-06-11T10:00:00+01:00") });
    expect(notice.graceEndsAt).toEqual(new Date("2026-06-11T10:30:00+01:00"));
  });

  it("a cheap treatment's fee is the percentage, below the deposit cap", () => {
    expect(cancellationNotice({ terms, start: START, priceInPence: 6_000, now: BOOKED }).lateFeeInPence).toBe(3_000);
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
  it.each<[string, Actor, string, boolean]>([
    ["2026-06-05T10:00:00+01:00", "client", "2026-06-01T09:00:00+01:00", true],
    ["2026-06-10T09:59:59+01:00", "client", "2026-06-01T09:00:00+01:00", true],
    ["2026-06-10T10:00:00+01:00", "client", "2026-06-01T09:00:00+01:00", false],
    ["2026-06-12T09:00:00+01:00", "client", "2026-06-01T09:00:00+01:00", false],
    ["2026-06-11T10:30:00+01:00", "client", "2026-06-11T10:00:00+01:00", true], // inside the window, but within the grace period
    ["2026-06-11T11:00:01+01:00", "client", "2026-06-11T10:00:00+01:00", false],
    ["2026-06-12T09:00:00+01:00", "owner", "2026-06-01T09:00:00+01:00", true],
    ["2026-06-12T10:00:00+01:00", "owner", "2026-06-01T09:00:00+01:00", false],
  ])("at %s by the %s (booked %s) → %s", (now, by, bookedAt, allowed) => {
    expect(canReschedule({ terms, appointmentStart: START, bookedAt: new Date(bookedAt), now: new Date(now), by })).toBe(allowed);
  });
});
