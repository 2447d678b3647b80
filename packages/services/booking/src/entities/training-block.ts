import { Entity } from "electrodb";

/**
 * Booking's copy of a learning cohort's practical sessions (from `cohort.sessions_changed`):
 * the hours the clinic is given over to training, which availability treats as busy. One
 * item per cohort, replaced whole by each newer announcement (`announcedAt` guards against
 * an older event arriving late). The academy is small, so every block sits in one partition.
 */
export const TrainingBlock = new Entity({
  model: { entity: "trainingBlock", version: "1", service: "mas" },
  attributes: {
    cohortId: { type: "string", required: true },
    courseId: { type: "string", required: true },
    courseTitle: { type: "string", required: true },
    sessions: {
      type: "list",
      items: {
        type: "map",
        properties: {
          sessionId: { type: "string", required: true },
          start: { type: "string", required: true },
          end: { type: "string", required: true },
          room: { type: "string", required: true },
        },
      },
      required: true,
    },
    announcedAt: { type: "string", required: true },
  },
  indexes: {
    byCohort: {
      pk: { field: "pk", composite: ["cohortId"] },
      sk: { field: "sk", composite: [] },
    },
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["cohortId"] },
    },
  },
});
