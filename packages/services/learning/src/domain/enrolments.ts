import * as z from "zod";
import { ulid } from "ulid";
import type { EntityItem } from "electrodb";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent, type StagedEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule, scheduleEvent } from "@mas/core/ports/scheduler";
import { db } from "../entities";
import type { Enrollment } from "../entities/enrollment";
import { cohortsOf, getCohort, type CohortItem } from "./cohorts";
import { requireCourse, type CourseItem } from "./courses";
import { enrolmentRefusal } from "./prerequisites";
import { commitRetryingConflicts, rejectedParts } from "@mas/core/db/transactions";

/** Seat and certificate counters have many writers at once: more patience than the kernel default. */
const commitContended: typeof commitRetryingConflicts = (write) => commitRetryingConflicts(write, 40);

/**
 * Enrolment. A place is taken in one transaction: the student-and-course claim (not
 * already enrolled), the cohort seat (`seatsTaken < capacity`), the enrolment and its
 * events. Free courses activate at once; paid ones wait `pending_payment` for the course
 * fee with a hold that lapses after HOLD_MINUTES (a Scheduler `reminder.due`, workflow
 * `learning-hold`), freeing the seat and the claim.
 */
export type EnrollmentItem = EntityItem<typeof Enrollment>;

export const HOLD_MINUTES = 30;
export const HOLD_WORKFLOW = "learning-hold";
export const holdScheduleName = (enrollmentId: string) => `learn-hold-${enrollmentId}`;

export const EnrolInput = z.strictObject({
  courseId: z.string().min(1).max(40),
  cohortId: z.string().min(1).max(40).optional(),
  entryEvidence: z.string().trim().min(1).max(500).optional(),
});

export async function getEnrollment(enrollmentId: string): Promise<EnrollmentItem | undefined> {
  const { data } = await db().entities.enrollment.get({ enrollmentId }).go({ consistent: true });
  return data ?? undefined;
}

export async function enrollmentsOf(userId: string): Promise<EnrollmentItem[]> {
  const { data } = await db().entities.enrollment.query.byUser({ userId }).go({ pages: "all" });
  return data;
}

export async function enrollmentsOfCourse(courseId: string): Promise<EnrollmentItem[]> {
  const { data } = await db().entities.enrollment.query.byCourse({ courseId }).go({ pages: "all" });
  return data;
}

/** A student enrols themselves (`byOwner`: the practitioner enrols them, no payment taken here). */
export async function enrol(input: z.output<typeof EnrolInput> & { userId: string; now: Date; byOwner?: boolean }): Promise<EnrollmentItem> {
  const { userId, now } = input;
  const course = await requireCourse(input.courseId);
  if (course.status !== "published" && !input.byOwner) throw notFound("learning.course_not_found", "No such course");
  const completed = new Set((await enrollmentsOf(userId)).filter((e) => e.status === "completed").map((e) => e.courseId));
  const refusal = enrolmentRefusal({ course: { ...course, prerequisiteCourseIds: course.prerequisiteCourseIds ?? [] }, completedCourseIds: completed, entryEvidence: input.entryEvidence });
  if (refusal === "prerequisites") throw unprocessable("learning.prerequisites_missing", "Complete the prerequisite courses first");
  if (refusal === "entry_evidence") throw unprocessable("learning.entry_evidence_required", `This course requires: ${course.entryRequirement}`, { entryEvidence: "Required" });
  if (refusal === "not_published") throw unprocessable("learning.not_published", "This course is not open for enrolment");
  const cohort = await cohortFor(course, input.cohortId);

  const at = now.toISOString();
  const free = course.priceInPence === 0 || input.byOwner === true;
  const enrollment: EnrollmentItem = {
    enrollmentId: ulid(),
    courseId: course.courseId,
    courseTitle: course.title,
    userId,
    status: free ? "active" : "pending_payment",
    priceInPence: course.priceInPence,
    paidInPence: 0,
    // The practitioner enrolling someone vouches for their entry requirement.
    entryConfirmed: input.byOwner === true,
    practicalAttended: false,
    createdAt: at,
    updatedAt: at,
    ...(cohort ? { cohortId: cohort.cohortId } : {}),
    ...(input.entryEvidence ? { entryEvidence: input.entryEvidence } : {}),
    ...(free ? { activatedAt: at } : { holdExpiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString() }),
  };
  const events = [stageEvent(Events.EnrollmentCreated, { enrollmentId: enrollment.enrollmentId, courseId: course.courseId, userId }, { occurredAt: now })];
  if (free) events.push(activatedEvent(enrollment, now));

  const result = await commitContended(() =>
    db()
      .transaction.write(({ enrollment: e, enrollmentClaim, cohort: c, outboxEvent }) => [
        enrollmentClaim.create({ courseId: course.courseId, userId, enrollmentId: enrollment.enrollmentId }).commit(),
        ...(cohort ? [takeSeat(c, cohort)] : []),
        e.create(enrollment).commit(),
        ...events.map((ev) => outboxEvent.put(ev.item).commit()),
      ])
      .go(),
  );
  if (result.canceled) {
    const [claim, seat] = rejectedParts(result);
    if (claim) throw conflict("learning.already_enrolled", "You are already enrolled on this course");
    if (seat && cohort) throw conflict("learning.cohort_full", "Sorry, this cohort is full");
    throw conflict("learning.busy", "Please try again");
  }
  await publishStaged(events);
  if (!free) {
    await scheduleEvent({
      name: holdScheduleName(enrollment.enrollmentId),
      at: new Date(enrollment.holdExpiresAt!),
      event: Events.ReminderDue,
      data: { workflow: HOLD_WORKFLOW, step: "lapse", subjectId: enrollment.enrollmentId, scheduledFor: enrollment.holdExpiresAt! },
    });
  }
  return enrollment;
}

/** A course that runs in cohorts is joined through one (else its capacity could be bypassed); a course without cohorts is self-paced. */
async function cohortFor(course: CourseItem, cohortId: string | undefined): Promise<CohortItem | undefined> {
  if (!cohortId) {
    if ((await cohortsOf(course.courseId)).some((c) => c.published)) throw unprocessable("learning.cohort_required", "Choose a cohort for this course", { cohortId: "Required" });
    return undefined;
  }
  const cohort = await getCohort(cohortId);
  if (!cohort || cohort.courseId !== course.courseId || !cohort.published) throw notFound("learning.cohort_not_found", "No such cohort");
  return cohort;
}

/** The cohort entity as a transaction callback receives it (only `patch` is used). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CohortEntity = { patch(key: { cohortId: string }): any };

/**
 * One seat of a cohort, as a transaction part: `seatsTaken` goes up only while below the
 * capacity read a moment ago, and only if that capacity still stands (conditions compare
 * with values, not with another attribute).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function takeSeat(cohort: CohortEntity, current: Pick<CohortItem, "cohortId" | "capacity">): any {
  return cohort
    .patch({ cohortId: current.cohortId })
    .add({ seatsTaken: 1 })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    .where((attr: any, op: any) => `${op.lt(attr.seatsTaken, current.capacity)} AND ${op.eq(attr.capacity, current.capacity)}`)
    .commit();
}

function activatedEvent(enrollment: Pick<EnrollmentItem, "enrollmentId" | "courseId" | "courseTitle" | "userId">, now: Date): StagedEvent {
  const { enrollmentId, courseId, courseTitle, userId } = enrollment;
  return stageEvent(Events.EnrollmentActivated, { enrollmentId, courseId, courseTitle, userId, activatedAt: now.toISOString() }, { occurredAt: now });
}

/**
 * The course fee arrived (`payment.succeeded`, kind course_fee). A pending enrolment
 * becomes active; one already active is left alone (redelivery). A fee for an enrolment
 * whose hold lapsed re-takes a seat if one is free, else the enrolment stays expired
 * (refunding such a fee is not automated yet: the owner sees it in payments).
 */
export async function activateOnPayment(input: { enrollmentId: string; paymentId: string; amountInPence: number; now: Date }): Promise<"activated" | "unchanged" | "no_seat"> {
  const { now } = input;
  const enrollment = await getEnrollment(input.enrollmentId);
  if (!enrollment || (enrollment.status !== "pending_payment" && enrollment.status !== "expired")) return "unchanged";
  const lapsed = enrollment.status === "expired";
  const seatCohort = lapsed && enrollment.cohortId ? await getCohort(enrollment.cohortId) : undefined;
  const events = [activatedEvent(enrollment, now)];
  const result = await commitContended(() =>
    db()
      .transaction.write(({ enrollment: e, enrollmentClaim, cohort, outboxEvent }) => [
        e
          .patch({ enrollmentId: enrollment.enrollmentId })
          .set({ status: "active", activatedAt: now.toISOString(), paidInPence: input.amountInPence, paymentId: input.paymentId, updatedAt: now.toISOString() })
          .remove(["holdExpiresAt"])
          .where((attr, op) => op.eq(attr.status, enrollment.status))
          .commit(),
        ...(lapsed
          ? [
              enrollmentClaim.create({ courseId: enrollment.courseId, userId: enrollment.userId, enrollmentId: enrollment.enrollmentId }).commit(),
              ...(seatCohort ? [takeSeat(cohort, seatCohort)] : []),
            ]
          : []),
        ...events.map((ev) => outboxEvent.put(ev.item).commit()),
      ])
      .go(),
  );
  if (result.canceled) return lapsed ? "no_seat" : "unchanged";
  await publishStaged(events);
  await cancelSchedule(holdScheduleName(enrollment.enrollmentId));
  return "activated";
}

/** The unpaid hold lapsed: expire the enrolment and give back the seat and the claim. Re-reads state; early or repeated calls do nothing. */
export async function expireHold(enrollmentId: string, now: Date): Promise<boolean> {
  const enrollment = await getEnrollment(enrollmentId);
  if (!enrollment || enrollment.status !== "pending_payment" || !enrollment.holdExpiresAt || Date.parse(enrollment.holdExpiresAt) > now.getTime()) return false;
  const result = await commitContended(() =>
    db()
      .transaction.write(({ enrollment: e, enrollmentClaim, cohort }) => [
        e
          .patch({ enrollmentId })
          .set({ status: "expired", updatedAt: now.toISOString() })
          .where((attr, op) => op.eq(attr.status, "pending_payment"))
          .commit(),
        enrollmentClaim.delete({ courseId: enrollment.courseId, userId: enrollment.userId }).commit(),
        ...(enrollment.cohortId ? [cohort.patch({ cohortId: enrollment.cohortId }).add({ seatsTaken: -1 }).commit()] : []),
      ])
      .go(),
  );
  return !result.canceled;
}

/** The owner moves a student to another cohort of the same course (which must have a free place). */
export async function transferEnrollment(enrollmentId: string, toCohortId: string, now: Date): Promise<EnrollmentItem> {
  const enrollment = await getEnrollment(enrollmentId);
  if (!enrollment) throw notFound("learning.enrollment_not_found", "No such enrolment");
  const target = await getCohort(toCohortId);
  if (!target || target.courseId !== enrollment.courseId) throw notFound("learning.cohort_not_found", "No such cohort");
  if (enrollment.cohortId === toCohortId) return enrollment;
  if (enrollment.status === "expired" || enrollment.status === "cancelled") throw conflict("learning.enrollment_closed", "This enrolment is closed");
  const result = await commitContended(() =>
    db()
      .transaction.write(({ enrollment: e, cohort }) => [
        takeSeat(cohort, target),
        ...(enrollment.cohortId ? [cohort.patch({ cohortId: enrollment.cohortId }).add({ seatsTaken: -1 }).commit()] : []),
        e
          .patch({ enrollmentId })
          .set({ cohortId: toCohortId, updatedAt: now.toISOString() })
          .where((attr, op) => (enrollment.cohortId ? op.eq(attr.cohortId, enrollment.cohortId) : op.notExists(attr.cohortId)))
          .commit(),
      ])
      .go(),
  );
  if (result.canceled) throw conflict(rejectedParts(result)[0] ? "learning.cohort_full" : "learning.busy", rejectedParts(result)[0] ? "That cohort is full" : "Please try again");
  return (await getEnrollment(enrollmentId))!;
}

export function enrollmentView(e: EnrollmentItem) {
  const { enrollmentId, courseId, courseTitle, cohortId, userId, status, priceInPence, paidInPence, holdExpiresAt, activatedAt, completedAt, lastLessonId, practicalAttended, certificateId, entryConfirmed, createdAt } = e;
  const entryProof = e.entryProofFileId ? { fileId: e.entryProofFileId, contentType: e.entryProofContentType ?? null, uploadedAt: e.entryProofUploadedAt ?? null } : null;
  return { enrollmentId, courseId, courseTitle, cohortId, userId, status, priceInPence, paidInPence, holdExpiresAt, activatedAt, completedAt, lastLessonId, practicalAttended, certificateId, entryConfirmed, entryEvidence: e.entryEvidence ?? null, entryProof, createdAt };
}
