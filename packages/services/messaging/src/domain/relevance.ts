import { TIME_ZONE } from "@mas/core/config";
import { appointmentStepTime, courseStepTime, isAppointmentStep, isCourseStep } from "./workflows";

/**
 * Whether a step that just fell due should still be sent, given the subject as it is now.
 * A schedule can outlive the facts it was made for (deleted a moment too late, a
 * reschedule racing a delivery), so the handler re-reads the subject and asks this.
 */
export type Decision = { send: true } | { send: false; reason: string };

const SEND: Decision = { send: true };
const skip = (reason: string): Decision => ({ send: false, reason });

export interface AppointmentFacts {
  status: string;
  category: string;
  start: string;
  end: string;
}

const BEFORE_VISIT = new Set(["prep", "reminder", "checkin"]);

const HOUR_MS = 3_600_000;
/**
 * The latest a step before the visit may still go, as time left before the start: the
 * 2-hour text until the start itself; the preparation mail and the 24-hour reminder only
 * while more than 2 hours are left (after that the 2-hour text is the one that fits, and
 * "see you tomorrow" would be wrong). A firing can be this late when the scheduler or a
 * retry is delayed; the plan itself never schedules a step whose time has passed.
 */
const LEAST_TIME_LEFT_MS: Partial<Record<string, number>> = { prep: 2 * HOUR_MS, reminder: 2 * HOUR_MS, checkin: 0 };

/**
 * Rules, in the order they are checked: the appointment is known, the step is one of the
 * workflow's, the appointment's status still wants it (before the visit: confirmed only),
 * it has not moved since the step was planned (`scheduledFor` is the step's time for the
 * current start/end), and — for a step before the visit — it is not too late (`now`, the
 * moment of sending; on time by default).
 */
export function appointmentStepDecision(
  step: string,
  appointment: AppointmentFacts | undefined,
  scheduledFor: string,
  now: Date = new Date(scheduledFor),
  timeZone = TIME_ZONE,
): Decision {
  if (!appointment) return skip("appointment_unknown");
  if (!isAppointmentStep(step)) return skip("unknown_step");
  const allowed = BEFORE_VISIT.has(step) ? ["confirmed"] : ["confirmed", "completed"];
  if (!allowed.includes(appointment.status)) return skip(`appointment_${appointment.status}`);
  if (appointmentStepTime(step, appointment, timeZone).getTime() !== new Date(scheduledFor).getTime()) return skip("appointment_moved");
  const leastTimeLeft = LEAST_TIME_LEFT_MS[step];
  if (leastTimeLeft !== undefined && new Date(appointment.start).getTime() - now.getTime() <= leastTimeLeft) return skip("too_late");
  return SEND;
}

export interface CourseFacts {
  status: "active" | "completed";
  activatedAt: string;
  lessonsCompleted: number;
  progressPercent: number;
}

export function courseStepDecision(step: string, course: CourseFacts | undefined, scheduledFor: string, timeZone = TIME_ZONE): Decision {
  if (!course) return skip("enrollment_unknown");
  if (!isCourseStep(step)) return skip("unknown_step");
  if (course.status === "completed" || course.progressPercent >= 100) return skip("course_completed");
  if (courseStepTime(step, course, timeZone).getTime() !== new Date(scheduledFor).getTime()) return skip("enrollment_changed");
  if (step === "day1" && course.lessonsCompleted > 0) return skip("already_started");
  return SEND;
}
