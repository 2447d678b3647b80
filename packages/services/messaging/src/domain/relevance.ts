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

export function appointmentStepDecision(step: string, appointment: AppointmentFacts | undefined, scheduledFor: string, timeZone = TIME_ZONE): Decision {
  if (!appointment) return skip("appointment_unknown");
  if (!isAppointmentStep(step)) return skip("unknown_step");
  const allowed = BEFORE_VISIT.has(step) ? ["confirmed"] : ["confirmed", "completed"];
  if (!allowed.includes(appointment.status)) return skip(`appointment_${appointment.status}`);
  if (appointmentStepTime(step, appointment, timeZone).getTime() !== new Date(scheduledFor).getTime()) return skip("appointment_moved");
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
