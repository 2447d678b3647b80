import { Entity } from "electrodb";

export const ENROLLMENT_STATUSES = ["pending_payment", "active", "completed", "expired", "cancelled"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * A student's place on a course (and cohort). Paid courses start `pending_payment` with a
 * hold until `holdExpiresAt`; `payment.succeeded` (kind course_fee) activates them, a lapsed
 * hold expires them and frees the seat. `lastLessonId` is the resume position.
 */
export const Enrollment = new Entity({
  model: { entity: "enrollment", version: "1", service: "mas" },
  attributes: {
    enrollmentId: { type: "string", required: true },
    courseId: { type: "string", required: true },
    courseTitle: { type: "string", required: true },
    cohortId: { type: "string" },
    userId: { type: "string", required: true },
    status: { type: ENROLLMENT_STATUSES, required: true },
    priceInPence: { type: "number", required: true },
    paidInPence: { type: "number", default: 0 },
    paymentId: { type: "string" },
    holdExpiresAt: { type: "string" },
    /** What the student stated against the course's entry requirement (free text, erased on request). */
    entryEvidence: { type: "string" },
    entryConfirmed: { type: "boolean", default: false },
    /**
     * The student's uploaded proof of the entry requirement (documents' file id, linked when
     * documents announces a checked upload); the owner opens it from the enrolment and confirms.
     */
    entryProofFileId: { type: "string" },
    entryProofContentType: { type: "string" },
    entryProofUploadedAt: { type: "string" },
    activatedAt: { type: "string" },
    completedAt: { type: "string" },
    lastLessonId: { type: "string" },
    practicalAttended: { type: "boolean", default: false },
    certificateId: { type: "string" },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["enrollmentId"] },
      sk: { field: "sk", composite: [] },
    },
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["courseId", "enrollmentId"] },
    },
    byCourse: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["courseId"] },
      sk: { field: "gsi2sk", composite: ["enrollmentId"] },
    },
  },
});

/**
 * Uniqueness constraint: one live enrolment per student and course. Created with the
 * enrolment; deleted when it expires or is cancelled, so the student may enrol again.
 */
export const EnrollmentClaim = new Entity({
  model: { entity: "enrollmentClaim", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true },
    userId: { type: "string", required: true },
    enrollmentId: { type: "string", required: true },
  },
  indexes: {
    byStudentCourse: {
      pk: { field: "pk", composite: ["courseId", "userId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

/** One item per completed lesson of an enrolment. */
export const LessonProgress = new Entity({
  model: { entity: "lessonProgress", version: "1", service: "mas" },
  attributes: {
    enrollmentId: { type: "string", required: true },
    lessonId: { type: "string", required: true },
    userId: { type: "string", required: true },
    completedAt: { type: "string", required: true },
  },
  indexes: {
    byEnrollment: {
      pk: { field: "pk", composite: ["enrollmentId"] },
      sk: { field: "sk", composite: ["lessonId"] },
    },
  },
});
