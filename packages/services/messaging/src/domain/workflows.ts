import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks } from "date-fns";
import { TIME_ZONE } from "@mas/core/config";
import { aftercareTemplateKey } from "./templates";

/**
 * When each workflow step is due, computed from the subject (the appointment's start and
 * end, the enrollment's activation), never from "now": `now` only decides which steps are
 * already too late to schedule. Offsets in days are Europe/London calendar days at the
 * same wall time (the reminder for a 10:00 appointment arrives at 10:00 the day before,
 * also across a clock change); offsets in hours are elapsed time.
 */
export { APPOINTMENT_STEPS, COURSE_STEPS } from "@mas/core/events/catalogue";
import { APPOINTMENT_STEPS, COURSE_STEPS } from "@mas/core/events/catalogue";
export type AppointmentStep = (typeof APPOINTMENT_STEPS)[number];
export type CourseStep = (typeof COURSE_STEPS)[number];
export type WorkflowKind = "appointment" | "course";

export interface AppointmentTiming {
  appointmentId: string;
  category: string;
  start: string | Date;
  end: string | Date;
}

export interface CourseTiming {
  enrollmentId: string;
  activatedAt: string | Date;
}

export interface PlannedStep<Step extends string = string> {
  step: Step;
  at: Date;
  template: string;
  scheduleName: string;
}

type Recall = { weeks: number } | { months: number } | { days: number };

/** How long after a treatment a client typically needs the next one. */
const RECALL: Record<string, Recall> = {
  "anti-wrinkle": { weeks: 12 },
  "dermal-filler": { months: 6 },
  "skin-booster": { weeks: 4 },
  "chemical-peel": { weeks: 4 },
  microneedling: { weeks: 6 },
  facial: { weeks: 4 },
};
const DEFAULT_RECALL: Recall = { days: 30 };

export function recallInterval(category: string): Recall {
  return RECALL[category] ?? DEFAULT_RECALL;
}

function local(instant: string | Date, timeZone: string): TZDate {
  const date = new TZDate(new Date(instant).getTime(), timeZone);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return date;
}

function after(instant: string | Date, offset: Recall, timeZone: string): Date {
  const from = local(instant, timeZone);
  if ("weeks" in offset) return new Date(addWeeks(from, offset.weeks).getTime());
  if ("months" in offset) return new Date(addMonths(from, offset.months).getTime());
  return new Date(addDays(from, offset.days).getTime());
}

const HOUR_MS = 3_600_000;

export function appointmentStepTime(step: AppointmentStep, appointment: Omit<AppointmentTiming, "appointmentId">, timeZone = TIME_ZONE): Date {
  switch (step) {
    case "prep":
      return after(appointment.start, { days: -2 }, timeZone);
    case "reminder":
      return after(appointment.start, { days: -1 }, timeZone);
    case "checkin":
      return new Date(new Date(appointment.start).getTime() - 2 * HOUR_MS);
    case "aftercare":
      return after(appointment.end, { days: 1 }, timeZone);
    case "review":
      return after(appointment.end, { days: 7 }, timeZone);
    case "rebook":
      return after(appointment.end, recallInterval(appointment.category), timeZone);
  }
}

const COURSE_DAY: Record<CourseStep, number> = { day1: 1, day7: 7, day14: 14, day30: 30 };
/** Course nudges land mid-morning, London time, whatever time the student enrolled. */
const COURSE_SEND_HOUR = 10;

export function courseStepTime(step: CourseStep, enrollment: Omit<CourseTiming, "enrollmentId">, timeZone = TIME_ZONE): Date {
  const day = addDays(local(enrollment.activatedAt, timeZone), COURSE_DAY[step]);
  return new Date(new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), COURSE_SEND_HOUR, 0, 0, timeZone).getTime());
}

const SCHEDULE_NAME = /^[0-9A-Za-z_.-]{1,64}$/;
const PREFIX: Record<WorkflowKind | "campaign", string> = { appointment: "appt", course: "course", campaign: "campaign" };

/** Deterministic Scheduler names (`appt-<id>-reminder`) so a change replaces or deletes them. */
export function schedulePrefix(kind: WorkflowKind | "campaign", subjectId: string): string {
  return `${PREFIX[kind]}-${subjectId}-`;
}

export function scheduleName(kind: WorkflowKind | "campaign", subjectId: string, step: string): string {
  const name = kind === "campaign" ? `${PREFIX.campaign}-${subjectId}` : `${schedulePrefix(kind, subjectId)}${step}`;
  if (!SCHEDULE_NAME.test(name)) throw new RangeError(`Not a valid schedule name: ${name}`);
  return name;
}

/** The steps still ahead of `now`, in time order. */
export function appointmentPlan(appointment: AppointmentTiming, now: Date, timeZone = TIME_ZONE): PlannedStep<AppointmentStep>[] {
  return APPOINTMENT_STEPS.map((step) => ({
    step,
    at: appointmentStepTime(step, appointment, timeZone),
    template: appointmentStepTemplate(step, appointment.category),
    scheduleName: scheduleName("appointment", appointment.appointmentId, step),
  }))
    .filter((planned) => planned.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function coursePlan(enrollment: CourseTiming, now: Date, timeZone = TIME_ZONE): PlannedStep<CourseStep>[] {
  return COURSE_STEPS.map((step) => ({
    step,
    at: courseStepTime(step, enrollment, timeZone),
    template: `course.${step}`,
    scheduleName: scheduleName("course", enrollment.enrollmentId, step),
  })).filter((planned) => planned.at.getTime() > now.getTime());
}

export function workflowPlan(kind: "appointment", subject: AppointmentTiming, now: Date, timeZone?: string): PlannedStep<AppointmentStep>[];
export function workflowPlan(kind: "course", subject: CourseTiming, now: Date, timeZone?: string): PlannedStep<CourseStep>[];
export function workflowPlan(kind: WorkflowKind, subject: AppointmentTiming | CourseTiming, now: Date, timeZone = TIME_ZONE): PlannedStep[] {
  return kind === "appointment" ? appointmentPlan(subject as AppointmentTiming, now, timeZone) : coursePlan(subject as CourseTiming, now, timeZone);
}

export function appointmentStepTemplate(step: AppointmentStep, category: string): string {
  return step === "aftercare" ? aftercareTemplateKey(category) : `appointment.${step}`;
}

export function isAppointmentStep(step: string): step is AppointmentStep {
  return (APPOINTMENT_STEPS as readonly string[]).includes(step);
}

export function isCourseStep(step: string): step is CourseStep {
  return (COURSE_STEPS as readonly string[]).includes(step);
}
