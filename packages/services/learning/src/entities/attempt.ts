import { Entity } from "electrodb";

export const ATTEMPT_STATUSES = ["in_progress", "submitted", "awaiting_marking"] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/**
 * One sitting of an assessment, stored with its drawn paper, every answer (with the time
 * the server received it), score and duration. `number` is 1-based per enrolment and
 * assessment; the `AttemptSlot` constraint makes two concurrent starts of the same number
 * impossible (so the attempt limit holds).
 */
export const Attempt = new Entity({
  model: { entity: "attempt", version: "1", service: "mas" },
  attributes: {
    attemptId: { type: "string", required: true },
    enrollmentId: { type: "string", required: true },
    assessmentId: { type: "string", required: true },
    courseId: { type: "string", required: true },
    userId: { type: "string", required: true },
    number: { type: "number", required: true },
    seed: { type: "string", required: true },
    paper: {
      type: "list",
      items: { type: "map", properties: { questionId: { type: "string", required: true }, optionOrder: { type: "list", items: { type: "string" } } } },
      required: true,
    },
    /** JSON: questionId → { optionIds?, text?, answeredAt } (a map of maps ElectroDB cannot type). */
    answers: { type: "string", default: "{}" },
    status: { type: ATTEMPT_STATUSES, required: true },
    startedAt: { type: "string", required: true },
    deadline: { type: "string" },
    submittedAt: { type: "string" },
    autoSubmitted: { type: "boolean", default: false },
    score: { type: "number" },
    maxScore: { type: "number" },
    scorePercent: { type: "number" },
    passed: { type: "boolean" },
    durationSeconds: { type: "number" },
    /** JSON: questionId → points awarded by the owner for short answers. */
    manualMarks: { type: "string", default: "{}" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["attemptId"] },
      sk: { field: "sk", composite: [] },
    },
    byEnrollment: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["enrollmentId"] },
      sk: { field: "gsi1sk", composite: ["assessmentId", "number"] },
    },
  },
});

export const AttemptSlot = new Entity({
  model: { entity: "attemptSlot", version: "1", service: "mas" },
  attributes: {
    enrollmentId: { type: "string", required: true },
    assessmentId: { type: "string", required: true },
    number: { type: "number", required: true },
    attemptId: { type: "string", required: true },
  },
  indexes: {
    bySlot: {
      pk: { field: "pk", composite: ["enrollmentId", "assessmentId", "number"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
