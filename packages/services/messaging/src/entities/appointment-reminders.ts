import { Entity } from "electrodb";

/**
 * Messaging's copy of an appointment, kept from booking's events: what a due reminder is
 * checked against, and the visit history campaign audiences use. `lastEventAt` orders the
 * events, so a late retry of an old event never undoes a newer one.
 */
export const AppointmentReminders = new Entity({
  model: { entity: "appointmentReminders", version: "1", service: "mas" },
  attributes: {
    appointmentId: { type: "string", required: true },
    clientId: { type: "string", required: true },
    serviceName: { type: "string", required: true },
    serviceSlug: { type: "string", required: true },
    category: { type: "string", required: true },
    start: { type: "string", required: true },
    end: { type: "string", required: true },
    status: { type: ["confirmed", "cancelled", "completed", "no_show"] as const, required: true },
    depositInPence: { type: "number", required: true, default: 0 },
    lastEventAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["appointmentId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A client's appointments by start (audience: categories, last visit). */
    byClient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["clientId"] },
      sk: { field: "gsi1sk", composite: ["start", "appointmentId"] },
    },
  },
});
