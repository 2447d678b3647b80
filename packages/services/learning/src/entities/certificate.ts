import { Entity } from "electrodb";

/**
 * A certificate of completion. `certificateId` is the unguessable verification id (in the
 * public verify URL); `number` (`MAS-2026-000123`) is the human-readable one, sequential
 * per year without gaps (see `CertificateCounter`).
 */
export const Certificate = new Entity({
  model: { entity: "certificate", version: "1", service: "mas" },
  attributes: {
    certificateId: { type: "string", required: true },
    number: { type: "string", required: true },
    enrollmentId: { type: "string", required: true },
    userId: { type: "string", required: true },
    courseId: { type: "string", required: true },
    courseTitle: { type: "string", required: true },
    issuedAt: { type: "string", required: true },
    expiresAt: { type: "string" },
    revokedAt: { type: "string" },
    revokedReason: { type: "string" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["certificateId"] },
      sk: { field: "sk", composite: [] },
    },
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["issuedAt", "certificateId"] },
    },
  },
});

/**
 * The last certificate number issued in a year. Issuing reads it, and in one transaction
 * writes `value + 1` on the condition that it is still `value`, creates the certificate
 * with that number and marks the enrolment certified: a loser of a race retries with the
 * new value, so numbers are neither skipped nor repeated.
 */
export const CertificateCounter = new Entity({
  model: { entity: "certificateCounter", version: "1", service: "mas" },
  attributes: {
    year: { type: "number", required: true },
    value: { type: "number", required: true },
  },
  indexes: {
    byYear: {
      pk: { field: "pk", composite: ["year"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
