import type { AstroGlobal } from "astro";
import { api, call } from "../../lib/client";
import type { CoursePage, Enrollment, OutlineLesson, Progress } from "./shapes";

/**
 * Reads the student pages share: an enrolment with its progress (404 for someone else's,
 * as Learning answers), the public page of its course (cohorts, practical notes), and the
 * lesson order the player walks (released lessons only, in curriculum order).
 */
export async function loadEnrollment(astro: AstroGlobal, enrollmentId: string): Promise<{ enrollment: Enrollment; progress: Progress } | undefined> {
  const found = await call(api(astro).learning.enrollments[":id"].$get({ param: { id: enrollmentId } }));
  return found.ok ? found.data : undefined;
}

/** The public course page of an enrolment's course (the enrolment knows the course id, the catalogue its slug). */
export async function coursePageOf(courseId: string): Promise<CoursePage | undefined> {
  const listed = await call(api(null).learning.courses.$get());
  const slug = listed.ok ? listed.data.courses.find((c) => c.courseId === courseId)?.slug : undefined;
  if (!slug) return undefined;
  const page = await call(api(null).learning.courses[":slug"].$get({ param: { slug } }));
  return page.ok ? page.data : undefined;
}

export const lessonsInOrder = (progress: Progress): OutlineLesson[] => progress.modules.flatMap((m) => m.lessons);

/** The released lesson after `lessonId` in curriculum order (what "complete and continue" opens). */
export function nextReleasedAfter(progress: Progress, lessonId: string): OutlineLesson | undefined {
  const all = lessonsInOrder(progress);
  const at = all.findIndex((l) => l.lessonId === lessonId);
  return all.slice(at + 1).find((l) => l.released);
}

export function neighbours(progress: Progress, lessonId: string): { previous?: OutlineLesson; next?: OutlineLesson } {
  const released = lessonsInOrder(progress).filter((l) => l.released);
  const at = released.findIndex((l) => l.lessonId === lessonId);
  return { previous: at > 0 ? released[at - 1] : undefined, next: at >= 0 ? released[at + 1] : undefined };
}

export const lessonPath = (enrollmentId: string, lessonId: string) => `/learn/${encodeURIComponent(enrollmentId)}/lessons/${encodeURIComponent(lessonId)}`;
export const assessmentPath = (enrollmentId: string, assessmentId: string) => `/learn/${encodeURIComponent(enrollmentId)}/assessments/${encodeURIComponent(assessmentId)}`;
export const attemptPath = (attemptId: string) => `/learn/attempts/${encodeURIComponent(attemptId)}`;
