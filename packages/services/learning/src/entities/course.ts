import { Entity } from "electrodb";

export const COURSE_STATUSES = ["draft", "published", "archived"] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const COURSE_LEVELS = ["foundation", "intermediate", "advanced"] as const;

/**
 * A course of the academy. `priceInPence` is what the student pays (VAT inclusive, the
 * note says how); payments prices a course fee from here, never from the client.
 * Prerequisites are other courses the student must have completed, and/or an entry
 * requirement (e.g. proof of professional registration) the student states at enrolment
 * and the owner confirms.
 */
export const Course = new Entity({
  model: { entity: "course", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true },
    slug: { type: "string", required: true },
    title: { type: "string", required: true },
    summary: { type: "string", required: true },
    description: { type: "string", default: "" },
    level: { type: COURSE_LEVELS, required: true },
    priceInPence: { type: "number", required: true },
    vatNote: { type: "string", default: "" },
    prerequisiteCourseIds: { type: "list", items: { type: "string" }, default: [] },
    entryRequirement: { type: "string" },
    /** Months a certificate stays valid; absent: it does not expire. */
    certificateValidityMonths: { type: "number" },
    coverImageKey: { type: "string" },
    status: { type: COURSE_STATUSES, required: true },
    /** Whether the practical day must be attended before the course counts as completed. */
    practicalRequired: { type: "boolean", default: false },
    /** What the student will be able to do afterwards (the course page's "you will learn"). */
    outcomes: { type: "list", items: { type: "string" }, default: [] },
    /** Who the course is for, in a sentence. */
    audience: { type: "string", default: "" },
    /** Brought to the practical day (and how to find it), shown on the student's dashboard. */
    practicalNotes: { type: "string", default: "" },
    faqs: { type: "list", items: { type: "map", properties: { question: { type: "string", required: true }, answer: { type: "string", required: true } } }, default: [] },
    /** Graduates' words the practitioner chose to show (name as they agreed to be named). */
    reviews: { type: "list", items: { type: "map", properties: { author: { type: "string", required: true }, quote: { type: "string", required: true }, rating: { type: "number", required: true } } }, default: [] },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: [] },
    },
    /** Every course (the academy is small: one partition, filtered by status). */
    catalogue: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["slug"] },
    },
  },
});
