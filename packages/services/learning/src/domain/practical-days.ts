import { getCohort, sessionsAnnouncement } from "./cohorts";
import { getCourse } from "./courses";
import { enrollmentsOfCourse } from "./enrolments";
import type { EnrollmentStatus } from "../entities/enrollment";

/**
 * A cohort's practical days and who attends them, as other services may read them
 * (messaging's reminder the day before). Only a published cohort has practical days to
 * announce; its members are the students whose place on it is taken up (active, or
 * completed online and still to come in).
 */
export interface PracticalDay {
  cohortId: string;
  courseId: string;
  courseTitle: string;
  sessionId: string;
  /** ISO instants (the session's local date and times, Europe/London). */
  start: string;
  end: string;
  room: string;
}

export interface CohortMember {
  enrollmentId: string;
  userId: string;
  status: EnrollmentStatus;
}

const ATTENDING = new Set<EnrollmentStatus>(["active", "completed"]);

export async function practicalDaysOf(cohortId: string): Promise<PracticalDay[]> {
  const cohort = await getCohort(cohortId);
  if (!cohort?.published) return [];
  const course = await getCourse(cohort.courseId);
  if (!course) return [];
  const announced = sessionsAnnouncement(cohort, course.title);
  return announced.sessions.map((s) => ({ cohortId, courseId: cohort.courseId, courseTitle: course.title, ...s }));
}

export async function cohortMembers(cohortId: string): Promise<CohortMember[]> {
  const cohort = await getCohort(cohortId);
  if (!cohort) return [];
  return (await enrollmentsOfCourse(cohort.courseId))
    .filter((e) => e.cohortId === cohortId && ATTENDING.has(e.status))
    .map((e) => ({ enrollmentId: e.enrollmentId, userId: e.userId, status: e.status }));
}
