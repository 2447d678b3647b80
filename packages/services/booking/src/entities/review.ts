import { Entity } from "electrodb";

/**
 * A client's review of one completed appointment. Keyed by the appointment, so "one review
 * per appointment" is the key's own condition (create fails if it exists). The name shown
 * publicly (first name and initial) and the treatment are copied in when it is written:
 * the home page reads published reviews without asking accounts about each author.
 */
export const Review = new Entity({
  model: { entity: "review", version: "1", service: "mas" },
  attributes: {
    appointmentId: { type: "string", required: true },
    clientId: { type: "string", required: true },
    /** "Amelia R." — never the full surname. */
    displayName: { type: "string", required: true },
    serviceName: { type: "string", required: true },
    appointmentStart: { type: "string", required: true },
    rating: { type: "number", required: true },
    comment: { type: "string", default: "" },
    published: { type: "boolean", default: false },
    publishedAt: { type: "string" },
    /** One partition for every review: a clinic writes a few a week, so listing them all is one query. */
    board: { type: "string", default: "reviews", readOnly: true },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byAppointment: {
      pk: { field: "pk", composite: ["appointmentId"] },
      sk: { field: "sk", composite: [] },
    },
    byClient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["clientId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "appointmentId"] },
    },
    /** Every review, oldest first (the owner's list; the home page filters the published ones). */
    all: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["board"] },
      sk: { field: "gsi2sk", composite: ["createdAt", "appointmentId"] },
    },
  },
});
