import { Entity } from "electrodb";

/**
 * Messaging's copy of an enrollment's progress, kept from learning's events: what the
 * course nudges are checked against (day 1 only if nothing completed, progress %, stop
 * when completed), and "has an active course" for campaign audiences.
 */
export const CourseReminders = new Entity({
  model: { entity: "courseReminders", version: "1", service: "mas" },
  attributes: {
    enrollmentId: { type: "string", required: true },
    userId: { type: "string", required: true },
    courseId: { type: "string", required: true },
    courseTitle: { type: "string", required: true },
    activatedAt: { type: "string", required: true },
    status: { type: ["active", "completed"] as const, required: true },
    lessonsCompleted: { type: "set", items: "string", required: false },
    progressPercent: { type: "number", required: true, default: 0 },
    lastEventAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["enrollmentId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A student's enrollments (audience: has an active course). */
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["activatedAt", "enrollmentId"] },
    },
  },
});
