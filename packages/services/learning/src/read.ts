/**
 * What other services may read of learning's data (never write): a course fee to charge
 * (payments prices it from here, never from the client), who registered interest in a
 * course, and a student's part of the data export. Erasure is learning's own, on `user.erased`.
 */
import { exportOf } from "@mas/core/personal-data";
import { learningPersonalData } from "./domain/personal-data";
import { getEnrollment } from "./domain/enrolments";
import { interestsIn, type Interest } from "./domain/interest";

/** Who asked to hear when a course opens (messaging mails each once, when a cohort opens). */
export const interestedIn = (courseId: string): Promise<Interest[]> => interestsIn(courseId);
export type { Interest };

export interface CourseFee {
  enrollmentId: string;
  userId: string;
  courseTitle: string;
  amountInPence: number;
  /** Undefined when payable now, else why not. */
  notPayableBecause?: string;
}

/** The fee an enrolment owes: only a `pending_payment` enrolment whose hold has not lapsed is payable. */
export async function courseFeeFor(enrollmentId: string, now: Date): Promise<CourseFee | undefined> {
  const enrollment = await getEnrollment(enrollmentId);
  if (!enrollment) return undefined;
  const lapsed = enrollment.holdExpiresAt !== undefined && Date.parse(enrollment.holdExpiresAt) <= now.getTime();
  const notPayableBecause =
    enrollment.status !== "pending_payment"
      ? `This enrolment is ${enrollment.status.replace("_", " ")}, not awaiting payment`
      : lapsed
        ? "This place's hold has lapsed; please enrol again"
        : enrollment.priceInPence <= 0
          ? "This course is free"
          : undefined;
  return {
    enrollmentId,
    userId: enrollment.userId,
    courseTitle: enrollment.courseTitle,
    amountInPence: enrollment.priceInPence,
    ...(notPayableBecause ? { notPayableBecause } : {}),
  };
}

export const personalDataOf = (userId: string) => exportOf(learningPersonalData, userId);

/** A published cohort's practical days, and the students attending them (messaging's reminder the day before). */
export { cohortMembers, practicalDaysOf, type CohortMember, type PracticalDay } from "./domain/practical-days";
