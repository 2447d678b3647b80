import { describe, expect, it } from "vitest";
import { newVsReturning, noShowRate, safetyFlags, utilisationPercent, weeklyBookings, type FigureAppointment } from "./dashboard-figures";

const at = (start: string, minutes: number, status: FigureAppointment["status"], clientId = "c1"): FigureAppointment => ({
  appointmentId: `${start}-${clientId}`,
  clientId,
  start: new Date(start).toISOString(),
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  status,
});

describe("dashboard figures", () => {
  it("counts bookings per London week (Monday start), leaving out expired holds", () => {
    const weeks = weeklyBookings(
      [
        at("2026-03-29T23:30:00+01:00", 30, "confirmed"), // Sunday night BST: still the week of 23 March
        at("2026-03-30T09:00:00+01:00", 30, "completed"),
        at("2026-03-31T09:00:00+01:00", 30, "expired"),
        at("2026-04-20T09:00:00+01:00", 30, "confirmed"), // outside the weeks asked for
      ],
      ["2026-03-23", "2026-03-30"],
      "Europe/London",
    );
    expect(weeks).toEqual([
      { week: "2026-03-23", count: 1 },
      { week: "2026-03-30", count: 1 },
    ]);
  });

  it.each([
    ["booked minutes over open minutes", [at("2026-06-02T10:00:00+01:00", 60, "confirmed"), at("2026-06-02T11:00:00+01:00", 60, "completed")], 480, 25],
    ["cancelled and expired do not count", [at("2026-06-02T10:00:00+01:00", 60, "cancelled"), at("2026-06-02T11:00:00+01:00", 60, "expired")], 480, 0],
    ["a no-show still used the time", [at("2026-06-02T10:00:00+01:00", 120, "no_show")], 480, 25],
  ])("utilisation: %s", (_name, appointments, open, expected) => {
    expect(utilisationPercent(appointments, open)).toBe(expected);
  });

  it("has no utilisation when the clinic was never open", () => {
    expect(utilisationPercent([], 0)).toBeNull();
  });

  it("rates no-shows against attended appointments only", () => {
    expect(noShowRate([at("2026-06-02T10:00:00Z", 30, "no_show"), at("2026-06-02T11:00:00Z", 30, "completed"), at("2026-06-02T12:00:00Z", 30, "completed"), at("2026-06-02T13:00:00Z", 30, "cancelled")])).toEqual({ noShows: 1, attended: 2, percent: 33 });
    expect(noShowRate([]).percent).toBeNull();
  });

  it("calls a client new when their first appointment ever is inside the window", () => {
    const window = "2026-06-01T00:00:00.000Z";
    const seen = [at("2026-06-02T10:00:00Z", 30, "completed", "old"), at("2026-06-03T10:00:00Z", 30, "completed", "new"), at("2026-06-03T11:00:00Z", 30, "cancelled", "gone")];
    const firsts = new Map([
      ["old", "2025-01-01T10:00:00.000Z"],
      ["new", "2026-06-03T10:00:00.000Z"],
    ]);
    expect(newVsReturning(seen, firsts, window)).toEqual({ newClients: 1, returningClients: 1 });
  });

  const base = { start: new Date("2026-06-10T10:00:00+01:00"), riskFlags: [], consent: "signed" as const, service: { requiresPatchTest: false, minAge: 18 }, dateOfBirth: "1990-01-01", patchTests: [], timeZone: "Europe/London" };
  it.each([
    ["nothing to check", {}, []],
    ["medical risk", { riskFlags: ["anticoagulants"] }, ["medical_risk"]],
    ["no consent form", { consent: "missing" as const }, ["consent_missing"]],
    ["consent unsigned", { consent: "awaiting_signature" as const }, ["consent_unsigned"]],
    ["consent expired", { consent: "expired" as const }, ["consent_expired"]],
    ["patch test never done", { service: { requiresPatchTest: true, minAge: 0 } }, ["patch_test_due"]],
    ["patch test too recent (under 48 h)", { service: { requiresPatchTest: true, minAge: 0 }, patchTests: [{ testedAt: new Date("2026-06-09T10:00:00+01:00"), result: "pass" as const }] }, ["patch_test_due"]],
    ["patch test valid", { service: { requiresPatchTest: true, minAge: 0 }, patchTests: [{ testedAt: new Date("2026-05-01T10:00:00+01:00"), result: "pass" as const }] }, []],
    ["patch test older than 6 months", { service: { requiresPatchTest: true, minAge: 0 }, patchTests: [{ testedAt: new Date("2025-11-01T10:00:00Z"), result: "pass" as const }] }, ["patch_test_expired"]],
    ["under 18 on the day (18th birthday the day after)", { dateOfBirth: "2008-06-11" }, ["under_18"]],
    ["18 on the day itself", { dateOfBirth: "2008-06-10" }, []],
    ["no date of birth for an age-limited treatment", { dateOfBirth: null }, ["age_unknown"]],
  ])("safety flags: %s", (_name, over, expected) => {
    expect(safetyFlags({ ...base, ...over }).map((f) => f.code)).toEqual(expected);
  });
});
