import { notFound, conflict } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { db } from "../entities";
import { loadCurriculum, requireLesson, type Curriculum } from "./curriculum";
import { getEnrollment, type EnrollmentItem } from "./enrolments";
import { requireCourse } from "./courses";
import { isReleased, nextLesson, outstandingForCompletion, progressPercent, releasedAt } from "./progress";
import { issueCertificate } from "./certificates";

/**
 * A student's way through a course: opening (resume position), completing released
 * lessons of an active enrolment, progress, and completion (lessons + practical day +
 * required assessments) which announces `course.completed` and issues the certificate.
 */
export interface Standing {
  enrollment: EnrollmentItem;
  curriculum: Curriculum;
  completed: Set<string>;
  passedAssessmentIds: Set<string>;
  requiredAssessmentIds: string[];
  practicalRequired: boolean;
  entryUnconfirmed: boolean;
}

export async function standingOf(enrollment: EnrollmentItem): Promise<Standing> {
  const [course, curriculum, progress, assessments, attempts] = await Promise.all([
    requireCourse(enrollment.courseId),
    loadCurriculum(enrollment.courseId),
    db().entities.lessonProgress.query.byEnrollment({ enrollmentId: enrollment.enrollmentId }).go({ pages: "all" }),
    db().entities.assessment.query.byCourse({ courseId: enrollment.courseId }).go({ pages: "all" }),
    db().entities.attempt.query.byEnrollment({ enrollmentId: enrollment.enrollmentId }).go({ pages: "all" }),
  ]);
  return {
    enrollment,
    curriculum,
    completed: new Set(progress.data.map((p) => p.lessonId)),
    passedAssessmentIds: new Set(attempts.data.filter((a) => a.passed).map((a) => a.assessmentId)),
    requiredAssessmentIds: assessments.data.filter((a) => a.required !== false).map((a) => a.assessmentId),
    practicalRequired: course.practicalRequired ?? false,
    entryUnconfirmed: course.entryRequirement !== undefined && !(enrollment.entryConfirmed ?? false),
  };
}

const lessonRef = (l: Curriculum["lessons"][number]) => ({ lessonId: l.lessonId, moduleId: l.moduleId, required: l.required ?? true, dripAfterDays: l.dripAfterDays, dripOnDate: l.dripOnDate });

/** The student's dashboard for one enrolment: outline with release and completion, %, next lesson, resume point. */
export function progressView(standing: Standing, now: Date) {
  const { enrollment, curriculum, completed } = standing;
  const activatedAt = enrollment.activatedAt ? new Date(enrollment.activatedAt) : undefined;
  const refs = curriculum.lessons.map(lessonRef);
  const next = nextLesson(refs, completed, activatedAt, now);
  return {
    progressPercent: progressPercent(refs, completed),
    nextLessonId: next?.lessonId ?? null,
    resumeLessonId: enrollment.lastLessonId ?? next?.lessonId ?? null,
    practicalAttended: enrollment.practicalAttended ?? false,
    outstanding: outstanding(standing),
    modules: curriculum.modules.map((m) => ({
      moduleId: m.moduleId,
      title: m.title,
      lessons: m.lessons.map((l) => ({
        lessonId: l.lessonId,
        title: l.title,
        kind: l.kind,
        estimatedMinutes: l.estimatedMinutes ?? 0,
        completed: completed.has(l.lessonId),
        released: isReleased(lessonRef(l), activatedAt, now),
        releasesAt: activatedAt ? releasedAt(lessonRef(l), activatedAt).toISOString() : null,
      })),
    })),
  };
}

function outstanding(standing: Standing): string[] {
  return outstandingForCompletion({
    lessons: standing.curriculum.lessons.map(lessonRef),
    completed: standing.completed,
    practicalRequired: standing.practicalRequired,
    practicalAttended: standing.enrollment.practicalAttended ?? false,
    entryUnconfirmed: standing.entryUnconfirmed,
    requiredAssessmentIds: standing.requiredAssessmentIds,
    passedAssessmentIds: standing.passedAssessmentIds,
  });
}

/** An active (or completed) enrolment of this course whose lesson is released: else 404/409. */
export async function releasedLesson(enrollment: EnrollmentItem, lessonId: string, now: Date) {
  const lesson = await requireLesson(enrollment.courseId, lessonId);
  if (enrollment.status !== "active" && enrollment.status !== "completed") throw conflict("learning.enrollment_not_active", "This enrolment is not active");
  if (!isReleased(lessonRef(lesson), enrollment.activatedAt ? new Date(enrollment.activatedAt) : undefined, now)) {
    throw conflict("learning.lesson_not_released", "This lesson is not available yet");
  }
  return lesson;
}

/** Opens a lesson: records it as the resume position and returns it. */
export async function openLesson(enrollment: EnrollmentItem, lessonId: string, now: Date) {
  const lesson = await releasedLesson(enrollment, lessonId, now);
  await db().entities.enrollment.patch({ enrollmentId: enrollment.enrollmentId }).set({ lastLessonId: lessonId }).go();
  return lesson;
}

/** Completes a released lesson (idempotent), announces it with the new %, and completes the course when nothing is left. */
export async function completeLesson(enrollment: EnrollmentItem, lessonId: string, now: Date): Promise<{ progressPercent: number; courseCompleted: boolean }> {
  await releasedLesson(enrollment, lessonId, now);
  const before = await standingOf(enrollment);
  if (before.completed.has(lessonId)) return { progressPercent: progressView(before, now).progressPercent, courseCompleted: enrollment.status === "completed" };
  const after = new Set([...before.completed, lessonId]);
  const percent = progressPercent(before.curriculum.lessons.map(lessonRef), after);
  const events = [stageEvent(Events.LessonCompleted, { enrollmentId: enrollment.enrollmentId, lessonId, userId: enrollment.userId, progressPercent: percent }, { occurredAt: now })];
  const result = await db()
    .transaction.write(({ lessonProgress, enrollment: e, outboxEvent }) => [
      lessonProgress.create({ enrollmentId: enrollment.enrollmentId, lessonId, userId: enrollment.userId, completedAt: now.toISOString() }).commit(),
      e.patch({ enrollmentId: enrollment.enrollmentId }).set({ lastLessonId: lessonId, updatedAt: now.toISOString() }).commit(),
      ...events.map((ev) => outboxEvent.put(ev.item).commit()),
    ])
    .go();
  if (!result.canceled) await publishStaged(events);
  const courseCompleted = await completeIfDone(enrollment.enrollmentId, now);
  return { progressPercent: percent, courseCompleted };
}

/**
 * Completes the enrolment when lessons, the practical day (if the course requires it) and
 * required assessments are all done: one conditional write (active → completed) with
 * `course.completed`, then the certificate. Safe to call after any of the three changes.
 */
export async function completeIfDone(enrollmentId: string, now: Date): Promise<boolean> {
  const enrollment = await getEnrollment(enrollmentId);
  if (!enrollment) return false;
  if (enrollment.status === "completed") {
    if (!enrollment.certificateId) await issueCertificate(enrollmentId, now);
    return true;
  }
  if (enrollment.status !== "active") return false;
  const course = await requireCourse(enrollment.courseId);
  const standing = await standingOf(enrollment);
  if (outstanding(standing).length > 0) return false;
  const at = now.toISOString();
  const events = [stageEvent(Events.CourseCompleted, { enrollmentId, courseId: course.courseId, courseTitle: course.title, userId: enrollment.userId, completedAt: at }, { occurredAt: now })];
  const result = await db()
    .transaction.write(({ enrollment: e, outboxEvent }) => [
      e.patch({ enrollmentId }).set({ status: "completed", completedAt: at, updatedAt: at }).where((attr, op) => op.eq(attr.status, "active")).commit(),
      ...events.map((ev) => outboxEvent.put(ev.item).commit()),
    ])
    .go();
  if (result.canceled) return (await getEnrollment(enrollmentId))?.status === "completed";
  await publishStaged(events);
  await issueCertificate(enrollmentId, now);
  return true;
}

/** The owner marks (or unmarks) practical-day attendance; attending may complete the course. */
export async function markAttendance(enrollmentId: string, attended: boolean, now: Date): Promise<EnrollmentItem> {
  const enrollment = await getEnrollment(enrollmentId);
  if (!enrollment) throw notFound("learning.enrollment_not_found", "No such enrolment");
  await db().entities.enrollment.patch({ enrollmentId }).set({ practicalAttended: attended, updatedAt: now.toISOString() }).go();
  if (attended) await completeIfDone(enrollmentId, now);
  return (await getEnrollment(enrollmentId))!;
}

/** The owner confirms (or withdraws) the student's entry requirement (e.g. checked their registration); confirming may complete the course. */
export async function confirmEntry(enrollmentId: string, confirmed: boolean, now: Date): Promise<EnrollmentItem> {
  const enrollment = await getEnrollment(enrollmentId);
  if (!enrollment) throw notFound("learning.enrollment_not_found", "No such enrolment");
  await db().entities.enrollment.patch({ enrollmentId }).set({ entryConfirmed: confirmed, updatedAt: now.toISOString() }).go();
  if (confirmed) await completeIfDone(enrollmentId, now);
  return (await getEnrollment(enrollmentId))!;
}
