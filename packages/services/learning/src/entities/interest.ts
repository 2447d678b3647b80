import { Entity } from "electrodb";

/**
 * Someone asked to hear when a course opens (its page shows no open cohort). One item per
 * course and email (lower-cased), so asking twice changes nothing. Kept for two years at
 * most (TTL): a note of interest is not a mailing list.
 */
export const CourseInterest = new Entity({
  model: { entity: "courseInterest", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true, readOnly: true },
    email: { type: "string", required: true, readOnly: true },
    interestId: { type: "string", required: true, readOnly: true },
    name: { type: "string" },
    /** The person ticked "you may email me when places open" (when): the only use of the address. */
    consentedAt: { type: "string", required: true },
    createdAt: { type: "string", required: true },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    /** Who asked about this course? (messaging mails them when a cohort opens) */
    byCourse: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: ["email"] },
    },
  },
});
