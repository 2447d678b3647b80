import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appointmentStepDecision, type AppointmentFacts } from "./relevance";
import { appointmentStepTime } from "./workflows";

/**
 * The "too late" guard over random appointments and random firing delays, with starts
 * clustered on the clock-change days (Europe/London: 2026-03-29, 2026-10-25, 2027-03-28,
 * where "the day before at the same time" is 23 or 25 hours) and on ordinary days. Checked
 * independently of the implementation's table: a step before the visit never goes once
 * the visit has started, the 24-hour reminder and the preparation mail never go with 2
 * hours or less left, and a firing on time always goes.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAYS = ["2026-03-28", "2026-03-29", "2026-03-30", "2026-06-11", "2026-10-24", "2026-10-25", "2026-10-26", "2027-03-28", "2027-01-15"];

const appointmentOn = fc.record({
  day: fc.constantFrom(...DAYS),
  // Any 5-minute mark of the UTC day (covers the small hours around 01:00/02:00 London).
  minute: fc.integer({ min: 0, max: 287 }).map((m) => m * 5),
  length: fc.constantFrom(15, 30, 45, 60, 90),
});

const facts = ({ day, minute, length }: { day: string; minute: number; length: number }): AppointmentFacts => {
  const start = Date.parse(`${day}T00:00:00Z`) + minute * MINUTE;
  return { status: "confirmed", category: "anti-wrinkle", start: new Date(start).toISOString(), end: new Date(start + length * MINUTE).toISOString() };
};

describe("appointmentStepDecision: a step before the visit that fires too late is skipped", () => {
  it.each(["prep", "reminder", "checkin"] as const)("%s: sends exactly while enough time is left, across the clock changes", (step) => {
    fc.assert(
      fc.property(appointmentOn, fc.integer({ min: 0, max: 60 * 60 }), (slot, delayMinutes) => {
        const appointment = facts(slot);
        const scheduledFor = appointmentStepTime(step, appointment).toISOString();
        const now = new Date(Date.parse(scheduledFor) + delayMinutes * MINUTE);
        const left = Date.parse(appointment.start) - now.getTime();
        const decision = appointmentStepDecision(step, appointment, scheduledFor, now);
        const enoughLeft = step === "checkin" ? left > 0 : left > 2 * HOUR;
        expect(decision).toEqual(enoughLeft ? { send: true } : { send: false, reason: "too_late" });
      }),
      { numRuns: 500 },
    );
  });

  it.each(["prep", "reminder", "checkin"] as const)("%s: a firing on time always goes (the day before is 23 or 25 hours on a clock-change day)", (step) => {
    fc.assert(
      fc.property(appointmentOn, (slot) => {
        const appointment = facts(slot);
        const scheduledFor = appointmentStepTime(step, appointment).toISOString();
        expect(appointmentStepDecision(step, appointment, scheduledFor)).toEqual({ send: true });
        expect(appointmentStepDecision(step, appointment, scheduledFor, new Date(scheduledFor))).toEqual({ send: true });
      }),
      { numRuns: 300 },
    );
  });

  it("steps after the visit are never too late (aftercare, review, rebook go whenever they fire)", () => {
    fc.assert(
      fc.property(appointmentOn, fc.constantFrom("aftercare", "review", "rebook"), fc.integer({ min: 0, max: 14 * 24 * 60 }), (slot, step, delayMinutes) => {
        const appointment = facts(slot);
        const scheduledFor = appointmentStepTime(step, appointment).toISOString();
        expect(appointmentStepDecision(step, appointment, scheduledFor, new Date(Date.parse(scheduledFor) + delayMinutes * MINUTE))).toEqual({ send: true });
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    // Sunday 29 March 2026, 10:00 BST (09:00Z): the reminder is due Saturday 10:00 GMT (10:00Z), 23 hours before.
    ["reminder", "2026-03-29T09:00:00Z", "2026-03-28T10:00:00Z", "2026-03-29T06:59:59Z", { send: true }],
    ["reminder", "2026-03-29T09:00:00Z", "2026-03-28T10:00:00Z", "2026-03-29T07:00:00Z", { send: false, reason: "too_late" }],
    ["reminder", "2026-03-29T09:00:00Z", "2026-03-28T10:00:00Z", "2026-03-29T10:00:00Z", { send: false, reason: "too_late" }],
    // Sunday 25 October 2026, 10:00 GMT: the reminder is due Saturday 10:00 BST (09:00Z), 25 hours before.
    ["reminder", "2026-10-25T10:00:00Z", "2026-10-24T09:00:00Z", "2026-10-25T07:59:59Z", { send: true }],
    ["reminder", "2026-10-25T10:00:00Z", "2026-10-24T09:00:00Z", "2026-10-25T08:00:00Z", { send: false, reason: "too_late" }],
    // The 2-hour text up to the start, not at it.
    ["checkin", "2026-10-25T01:30:00Z", "2026-10-24T23:30:00Z", "2026-10-25T01:29:59Z", { send: true }],
    ["checkin", "2026-10-25T01:30:00Z", "2026-10-24T23:30:00Z", "2026-10-25T01:30:00Z", { send: false, reason: "too_late" }],
  ] as const)("%s for %s (due %s) firing at %s → %j", (step, start, scheduledFor, now, decision) => {
    const appointment = { status: "confirmed", category: "facial", start, end: new Date(Date.parse(start) + 45 * MINUTE).toISOString() };
    expect(appointmentStepTime(step, appointment).toISOString()).toBe(new Date(scheduledFor).toISOString());
    expect(appointmentStepDecision(step, appointment, new Date(scheduledFor).toISOString(), new Date(now))).toEqual(decision);
  });
});
