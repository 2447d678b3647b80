import { Entity } from "electrodb";

export const WAITLIST_STATUSES = ["waiting", "offered", "booked", "left", "expired"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/**
 * A client waiting for a treatment between two local dates. When a matching slot frees
 * up, the oldest waiting entry is `offered` it until `offer.expiresAt`.
 */
export const WaitlistEntry = new Entity({
  model: { entity: "waitlistEntry", version: "1", service: "mas" },
  attributes: {
    waitlistId: { type: "string", required: true },
    clientId: { type: "string", required: true },
    serviceId: { type: "string", required: true },
    serviceSlug: { type: "string", required: true },
    serviceName: { type: "string", required: true },
    fromDate: { type: "string", required: true },
    toDate: { type: "string", required: true },
    status: { type: WAITLIST_STATUSES, required: true },
    offer: {
      type: "map",
      properties: {
        start: { type: "string" },
        end: { type: "string" },
        expiresAt: { type: "string" },
      },
    },
    appointmentId: { type: "string" },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["waitlistId"] },
      sk: { field: "sk", composite: [] },
    },
    byClient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["clientId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "waitlistId"] },
    },
    /** Who waits for a treatment, oldest first (the order offers go out in). */
    byService: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["serviceId"] },
      sk: { field: "gsi2sk", composite: ["createdAt", "waitlistId"] },
    },
  },
});
