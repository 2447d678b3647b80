import { describe, expect, it } from "vitest";
import { appointmentPlan, appointmentStepTime, coursePlan, courseStepTime, recallInterval, scheduleName, schedulePrefix, workflowPlan } from "./workflows";

const iso = (d: Date) => d.toISOString();

describe("appointment workflow times (relative to the appointment, Europe/London)", () => {
  // Summer: 10:00 BST = 09:00Z, 45 minutes.
  const june = { category: "anti-wrinkle", start: "2026-06-11T09:00:00Z", end: "2026-06-11T09:45:00Z" };
  // Monday after the clocks go back (25 Oct): 10:00 GMT = 10:00Z. The day before is Sunday (GMT), two days before Saturday (BST).
  const october = { category: "skin-booster", start: "2026-10-26T10:00:00Z", end: "2026-10-26T10:30:00Z" };
  // Monday after the clocks go forward (29 Mar): 10:00 BST = 09:00Z; two days before is Saturday (GMT).
  const march = { category: "other", start: "2026-03-30T09:00:00Z", end: "2026-03-30T10:00:00Z" };

  it.each([
    [june, "prep", "2026-06-09T09:00:00.000Z"],
    [june, "reminder", "2026-06-10T09:00:00.000Z"],
    [june, "checkin", "2026-06-11T07:00:00.000Z"],
    [june, "aftercare", "2026-06-12T09:45:00.000Z"],
    [june, "review", "2026-06-18T09:45:00.000Z"],
    [june, "rebook", "2026-09-03T09:45:00.000Z"], // 12 weeks
    [october, "prep", "2026-10-24T09:00:00.000Z"], // 10:00 BST, 49 elapsed hours
    [october, "reminder", "2026-10-25T10:00:00.000Z"], // 10:00 GMT
    [october, "checkin", "2026-10-26T08:00:00.000Z"], // 2 elapsed hours
    [october, "aftercare", "2026-10-27T10:30:00.000Z"],
    [october, "rebook", "2026-11-23T10:30:00.000Z"], // 4 weeks
    [march, "prep", "2026-03-28T10:00:00.000Z"], // 10:00 GMT, 47 elapsed hours
    [march, "reminder", "2026-03-29T09:00:00.000Z"], // 10:00 BST on the change day
    [march, "review", "2026-04-06T10:00:00.000Z"],
    [march, "rebook", "2026-04-29T10:00:00.000Z"], // default 30 days
  ] as const)("%# %s → %s", (appointment, step, expected) => {
    expect(iso(appointmentStepTime(step, appointment))).toBe(expected);
  });

  it("keeps the wall time across the autumn change and counts elapsed hours for the check-in", () => {
    const reminder = appointmentStepTime("reminder", october);
    expect(new Date(october.start).getTime() - reminder.getTime()).toBe(24 * 3_600_000);
    const sunday = appointmentStepTime("reminder", { ...october, start: "2026-10-26T14:00:00Z" });
    expect(iso(sunday)).toBe("2026-10-25T14:00:00.000Z");
    const saturday = appointmentStepTime("reminder", { ...october, start: "2026-10-25T14:00:00Z" });
    expect(iso(saturday)).toBe("2026-10-24T13:00:00.000Z"); // 14:00 BST, 25 elapsed hours
  });

  it("plans every step, in order, when booked 10 days ahead", () => {
    const plan = appointmentPlan({ appointmentId: "A1", ...june }, new Date("2026-06-01T09:00:00Z"));
    expect(plan.map((s) => [s.step, s.template, s.scheduleName])).toEqual([
      ["prep", "appointment.prep", "appt-A1-prep"],
      ["reminder", "appointment.reminder", "appt-A1-reminder"],
      ["checkin", "appointment.checkin", "appt-A1-checkin"],
      ["aftercare", "appointment.aftercare.anti-wrinkle", "appt-A1-aftercare"],
      ["review", "appointment.review", "appt-A1-review"],
      ["rebook", "appointment.rebook", "appt-A1-rebook"],
    ]);
  });

  it.each([
    ["2026-06-01T09:00:00Z", ["prep", "reminder", "checkin", "aftercare", "review", "rebook"]],
    ["2026-06-09T09:00:00Z", ["reminder", "checkin", "aftercare", "review", "rebook"]], // exactly at prep: too late
    ["2026-06-10T12:00:00Z", ["checkin", "aftercare", "review", "rebook"]],
    ["2026-06-11T07:30:00Z", ["aftercare", "review", "rebook"]],
    ["2026-06-20T00:00:00Z", ["rebook"]],
    ["2026-12-01T00:00:00Z", []],
  ])("booked at %s skips the steps already past", (now, steps) => {
    expect(appointmentPlan({ appointmentId: "A1", ...june }, new Date(now)).map((s) => s.step)).toEqual(steps);
  });

  it("plans from the appointment, not from now: booking earlier or later gives the same times", () => {
    const early = appointmentPlan({ appointmentId: "A1", ...june }, new Date("2026-05-01T00:00:00Z"));
    const late = appointmentPlan({ appointmentId: "A1", ...june }, new Date("2026-06-08T00:00:00Z"));
    expect(late.map((s) => iso(s.at))).toEqual(early.map((s) => iso(s.at)));
  });

  it("uses the category's aftercare template, or the general one", () => {
    const plan = (category: string) => appointmentPlan({ appointmentId: "A", ...june, category }, new Date("2026-06-01T00:00:00Z"));
    expect(plan("dermal-filler").find((s) => s.step === "aftercare")?.template).toBe("appointment.aftercare.dermal-filler");
    expect(plan("facial").find((s) => s.step === "aftercare")?.template).toBe("appointment.aftercare.general");
    expect(plan("something-new").find((s) => s.step === "aftercare")?.template).toBe("appointment.aftercare.general");
  });

  it("does not mutate its input", () => {
    const input = { appointmentId: "A1", ...june };
    const copy = structuredClone(input);
    workflowPlan("appointment", input, new Date("2026-06-01T00:00:00Z"));
    expect(input).toEqual(copy);
  });
});

describe("recall interval by treatment category", () => {
  it.each([
    ["anti-wrinkle", { weeks: 12 }],
    ["dermal-filler", { months: 6 }],
    ["skin-booster", { weeks: 4 }],
    ["chemical-peel", { weeks: 4 }],
    ["microneedling", { weeks: 6 }],
    ["facial", { weeks: 4 }],
    ["consultation", { days: 30 }],
    ["other", { days: 30 }],
    ["unknown", { days: 30 }],
  ])("%s → %j", (category, interval) => {
    expect(recallInterval(category)).toEqual(interval);
  });

  it("adds calendar months for fillers (31 Aug + 6 months = 28 Feb)", () => {
    const at = appointmentStepTime("rebook", { category: "dermal-filler", start: "2026-08-31T09:00:00Z", end: "2026-08-31T10:00:00Z" });
    expect(iso(at)).toBe("2027-02-28T11:00:00.000Z"); // 11:00 BST → 11:00 GMT
  });
});

describe("course workflow", () => {
  it.each([
    ["2026-06-01T09:00:00Z", "day1", "2026-06-02T09:00:00.000Z"], // 10:00 BST
    ["2026-06-01T23:30:00Z", "day1", "2026-06-03T09:00:00.000Z"], // 00:30 BST: already 2 June in London
    ["2026-06-01T09:00:00Z", "day7", "2026-06-08T09:00:00.000Z"],
    ["2026-06-01T09:00:00Z", "day14", "2026-06-15T09:00:00.000Z"],
    ["2026-06-01T09:00:00Z", "day30", "2026-07-01T09:00:00.000Z"],
    ["2026-10-20T09:00:00Z", "day7", "2026-10-27T10:00:00.000Z"], // 10:00 GMT after the change
    ["2026-03-25T10:00:00Z", "day7", "2026-04-01T09:00:00.000Z"], // 10:00 BST after the change
  ] as const)("activated %s: %s at %s", (activatedAt, step, expected) => {
    expect(iso(courseStepTime(step, { activatedAt }))).toBe(expected);
  });

  it("plans the four nudges with deterministic names, skipping the past", () => {
    const plan = coursePlan({ enrollmentId: "E1", activatedAt: "2026-06-01T09:00:00Z" }, new Date("2026-06-05T00:00:00Z"));
    expect(plan.map((s) => [s.step, s.template, s.scheduleName])).toEqual([
      ["day7", "course.day7", "course-E1-day7"],
      ["day14", "course.day14", "course-E1-day14"],
      ["day30", "course.day30", "course-E1-day30"],
    ]);
  });
});

describe("schedule names", () => {
  it.each([
    ["appointment", "01JXYZ", "reminder", "appt-01JXYZ-reminder"],
    ["course", "E-1", "day7", "course-E-1-day7"],
    ["campaign", "C1", "send", "campaign-C1"],
  ] as const)("%s %s %s → %s", (kind, id, step, name) => {
    expect(scheduleName(kind, id, step)).toBe(name);
    if (kind !== "campaign") expect(name.startsWith(schedulePrefix(kind, id))).toBe(true);
  });

  it.each(["has space", "slash/id", "x".repeat(70)])("rejects a subject id that makes an invalid Scheduler name: %s", (id) => {
    expect(() => scheduleName("appointment", id, "reminder")).toThrow(RangeError);
  });

  it("prefixes do not collide between ids that share a start", () => {
    expect(scheduleName("appointment", "A10", "prep").startsWith(schedulePrefix("appointment", "A1"))).toBe(false);
  });
});
