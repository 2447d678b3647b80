import { Entity } from "electrodb";

export const QUESTION_KINDS = ["single", "multiple", "true_false", "short_answer"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * An assessment of a course (per module when `moduleId` is set, else final). Questions are
 * drawn from a bank: all of them, or `drawCount` at random per attempt (seeded, so the
 * attempt's paper can be rebuilt). Times are enforced by the server from the attempt's
 * `startedAt`/`deadline`.
 */
export const Assessment = new Entity({
  model: { entity: "assessment", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true },
    assessmentId: { type: "string", required: true },
    moduleId: { type: "string" },
    title: { type: "string", required: true },
    bankId: { type: "string", required: true },
    drawCount: { type: "number" },
    shuffleOptions: { type: "boolean", default: true },
    passMarkPercent: { type: "number", required: true },
    timeLimitMinutes: { type: "number" },
    attemptLimit: { type: "number" },
    cooldownMinutes: { type: "number", default: 0 },
    /** Must be passed for the course to count as completed. */
    required: { type: "boolean", default: true },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    byCourse: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: ["assessmentId"] },
    },
  },
});

export const QuestionBank = new Entity({
  model: { entity: "questionBank", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true },
    bankId: { type: "string", required: true },
    title: { type: "string", required: true },
  },
  indexes: {
    byCourse: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: ["bankId"] },
    },
  },
});

/** A question of a bank. `correctOptionIds` is the answer key: it never leaves the server before submission. */
export const Question = new Entity({
  model: { entity: "question", version: "1", service: "mas" },
  attributes: {
    bankId: { type: "string", required: true },
    questionId: { type: "string", required: true },
    kind: { type: QUESTION_KINDS, required: true },
    prompt: { type: "string", required: true },
    options: {
      type: "list",
      items: { type: "map", properties: { optionId: { type: "string", required: true }, text: { type: "string", required: true } } },
      default: [],
    },
    correctOptionIds: { type: "list", items: { type: "string" }, default: [] },
    points: { type: "number", default: 1 },
    explanation: { type: "string" },
  },
  indexes: {
    byBank: {
      pk: { field: "pk", composite: ["bankId"] },
      sk: { field: "sk", composite: ["questionId"] },
    },
  },
});
