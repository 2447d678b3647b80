import { describe, expect, it } from "vitest";
import { appointmentStepDecision, courseStepDecision, type AppointmentFacts, type CourseFacts } from "./relevance";
import { appointmentStepTime, courseStepTime } from "./workflows";

const appointment: AppointmentFacts = { status: "confirmed", category: "anti-wrinkle", start: "2026-06-11T09:00:00Z", end: "2026-06-11T09:45:00Z" };
const due = (step: Parameters<typeof appointmentStepTime>[0], facts = appointment) => appointmentStepTime(step, facts).toISOString();

describe("appointmentStepDecision: send only while still relevant", () => {
  it.each([
    ["reminder", appointment, due("reminder"), { send: true }],
    ["prep", { ...appointment, status: "cancelled" }, due("prep"), { send: false, reason: "appointment_cancelled" }],
    ["checkin", { ...appointment, status: "no_show" }, due("checkin"), { send: false, reason: "appointment_no_show" }],
    ["reminder", { ...appointment, status: "completed" }, due("reminder"), { send: false, reason: "appointment_completed" }],
    ["aftercare", { ...appointment, status: "completed" }, due("aftercare"), { send: true }],
    ["review", { ...appointment, status: "confirmed" }, due("review"), { send: true }],
    ["rebook", { ...appointment, status: "cancelled" }, due("rebook"), { send: false, reason: "appointment_cancelled" }],
    // moved by a day: the old schedule's time no longer matches
    ["reminder", { ...appointment, start: "2026-06-12T09:00:00Z", end: "2026-06-12T09:45:00Z" }, due("reminder"), { send: false, reason: "appointment_moved" }],
    // moved by an hour: still different
    ["checkin", { ...appointment, start: "2026-06-11T10:00:00Z" }, due("checkin"), { send: false, reason: "appointment_moved" }],
    ["reminder", undefined, due("reminder"), { send: false, reason: "appointment_unknown" }],
    ["dance", appointment, due("reminder"), { send: false, reason: "unknown_step" }],
  ] as const)("%s for %j at %s → %j", (step, facts, scheduledFor, decision) => {
    expect(appointmentStepDecision(step, facts as AppointmentFacts | undefined, scheduledFor)).toEqual(decision);
  });

  it("a booking moved and then moved back is relevant again", () => {
    expect(appointmentStepDecision("reminder", { ...appointment }, due("reminder"))).toEqual({ send: true });
  });
});

const course: CourseFacts = { status: "active", activatedAt: "2026-06-01T09:00:00Z", lessonsCompleted: 0, progressPercent: 0 };
const courseDue = (step: Parameters<typeof courseStepTime>[0]) => courseStepTime(step, course).toISOString();

describe("courseStepDecision", () => {
  it.each([
    ["day1", course, { send: true }],
    ["day1", { ...course, lessonsCompleted: 1, progressPercent: 10 }, { send: false, reason: "already_started" }],
    ["day7", { ...course, lessonsCompleted: 1, progressPercent: 10 }, { send: true }],
    ["day14", { ...course, lessonsCompleted: 4, progressPercent: 40 }, { send: true }],
    ["day30", { ...course, lessonsCompleted: 9, progressPercent: 90 }, { send: true }],
    ["day14", { ...course, status: "completed", progressPercent: 100 }, { send: false, reason: "course_completed" }],
    ["day30", { ...course, progressPercent: 100 }, { send: false, reason: "course_completed" }],
    ["day7", undefined, { send: false, reason: "enrollment_unknown" }],
  ] as const)("%s with %j → %j", (step, facts, decision) => {
    expect(courseStepDecision(step, facts as CourseFacts | undefined, courseDue(step as "day1"))).toEqual(decision);
  });

  it("skips a nudge planned for an earlier activation", () => {
    expect(courseStepDecision("day7", { ...course, activatedAt: "2026-06-03T09:00:00Z" }, courseDue("day7"))).toEqual({ send: false, reason: "enrollment_changed" });
  });
});
