import { Entity } from "electrodb";

/** Uniqueness constraint: one item per course slug, created in the course's own transaction. */
export const CourseSlug = new Entity({
  model: { entity: "courseSlug", version: "1", service: "mas" },
  attributes: {
    slug: { type: "string", required: true },
    courseId: { type: "string", required: true },
  },
  indexes: {
    bySlug: {
      pk: { field: "pk", composite: ["slug"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
