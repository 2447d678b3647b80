import { Entity } from "electrodb";

/**
 * One run of a course with a capacity. `seatsTaken` counts pending and active enrolments;
 * it is incremented with the condition `seatsTaken < capacity` in the enrolment's
 * transaction (and decremented when a hold lapses), which is what caps the cohort.
 * `sessions` are the in-clinic practical days (local date and times, Europe/London);
 * booking blocks them from client availability when learning announces them.
 */
export const Cohort = new Entity({
  model: { entity: "cohort", version: "1", service: "mas" },
  attributes: {
    cohortId: { type: "string", required: true },
    courseId: { type: "string", required: true },
    name: { type: "string", required: true },
    capacity: { type: "number", required: true },
    seatsTaken: { type: "number", default: 0 },
    sessions: {
      type: "list",
      items: {
        type: "map",
        properties: {
          sessionId: { type: "string", required: true },
          date: { type: "string", required: true },
          start: { type: "string", required: true },
          end: { type: "string", required: true },
          room: { type: "string", required: true },
        },
      },
      default: [],
    },
    /** Published cohorts take enrolments and are announced to booking; drafts are invisible. */
    published: { type: "boolean", default: false },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["cohortId"] },
      sk: { field: "sk", composite: [] },
    },
    byCourse: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["courseId"] },
      sk: { field: "gsi1sk", composite: ["cohortId"] },
    },
  },
});
