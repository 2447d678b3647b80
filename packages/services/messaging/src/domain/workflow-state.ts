import type { EntityItem } from "electrodb";
import { findAppointment } from "@mas/booking/read";
import type { AppointmentReminders } from "../entities/appointment-reminders";
import type { CourseReminders } from "../entities/course-reminders";
import { db } from "../entities";
import { isConditionFailure } from "@mas/core/db/conditions";
import type { AppointmentFacts, CourseFacts } from "./relevance";

/**
 * Messaging's copies of the subjects its workflows follow, written from events. A write
 * carries the event's `occurredAt` and only lands if it is not older than the last one
 * applied, so a late retry of `appointment.confirmed` cannot undo a cancellation.
 */
export type AppointmentState = EntityItem<typeof AppointmentReminders>;
export type CourseState = EntityItem<typeof CourseReminders>;

/** false when a newer event has already been applied. */
export async function recordAppointment(state: AppointmentState): Promise<boolean> {
  try {
    await db()
      .entities.appointmentReminders.put(state)
      .where((attr, op) => `${op.notExists(attr.lastEventAt)} OR ${op.lte(attr.lastEventAt, state.lastEventAt)}`)
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Status change from an event; false if unknown or a newer event has been applied. */
export async function setAppointmentStatus(appointmentId: string, status: AppointmentState["status"], occurredAt: string): Promise<boolean> {
  try {
    await db()
      .entities.appointmentReminders.patch({ appointmentId })
      .set({ status, lastEventAt: occurredAt })
      .where((attr, op) => op.lte(attr.lastEventAt, occurredAt))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function mirroredAppointment(appointmentId: string): Promise<AppointmentState | undefined> {
  return (await db().entities.appointmentReminders.get({ appointmentId }).go({ consistent: true })).data ?? undefined;
}

export async function mirroredAppointmentsOf(clientId: string): Promise<AppointmentState[]> {
  return (await db().entities.appointmentReminders.query.byClient({ clientId }).go({ pages: "all" })).data;
}

/**
 * The appointment as a due reminder must judge it: booking's own record when booking has
 * it (the source of truth), else messaging's copy from the events.
 */
export async function appointmentFacts(appointmentId: string): Promise<(AppointmentFacts & { serviceName: string; clientId: string; serviceSlug?: string }) | undefined> {
  const booked = await findAppointment(appointmentId);
  if (booked) return booked;
  return mirroredAppointment(appointmentId);
}

export async function recordEnrollment(state: CourseState): Promise<boolean> {
  try {
    await db()
      .entities.courseReminders.put(state)
      .where((attr, op) => `${op.notExists(attr.lastEventAt)} OR ${op.lte(attr.lastEventAt, state.lastEventAt)}`)
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Adds a completed lesson; progress only ever goes up (events may arrive out of order). */
export async function recordLessonCompleted(enrollmentId: string, lessonId: string, progressPercent: number): Promise<boolean> {
  try {
    await db().entities.courseReminders.patch({ enrollmentId }).add({ lessonsCompleted: [lessonId] }).go();
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
  try {
    await db()
      .entities.courseReminders.patch({ enrollmentId })
      .set({ progressPercent })
      .where((attr, op) => op.lt(attr.progressPercent, progressPercent))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  return true;
}

export async function recordCourseCompleted(enrollmentId: string): Promise<boolean> {
  try {
    await db().entities.courseReminders.patch({ enrollmentId }).set({ status: "completed", progressPercent: 100 }).go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function enrollmentState(enrollmentId: string): Promise<CourseState | undefined> {
  return (await db().entities.courseReminders.get({ enrollmentId }).go({ consistent: true })).data ?? undefined;
}

export function courseFacts(state: CourseState): CourseFacts {
  return { status: state.status, activatedAt: state.activatedAt, lessonsCompleted: state.lessonsCompleted?.length ?? 0, progressPercent: state.progressPercent };
}

export async function activeCourseOf(userId: string): Promise<boolean> {
  const { data } = await db().entities.courseReminders.query.byUser({ userId }).go({ pages: "all" });
  return data.some((enrollment) => enrollment.status === "active");
}
