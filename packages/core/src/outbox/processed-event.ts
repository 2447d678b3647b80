import { Entity } from "electrodb";

/**
 * A consumer's mark that it handled (or is handling) one event: EventBridge delivers at
 * least once and the outbox may publish twice, so each service claims an event id before
 * acting on it. `processing` with a lease while the handler runs (a crashed handler's
 * claim lapses and the retry takes over), `done` afterwards; TTL clears marks after 30 days,
 * far beyond EventBridge's 24-hour retry window.
 */
export const ProcessedEvent = new Entity({
  model: { entity: "processedEvent", version: "1", service: "mas" },
  attributes: {
    consumer: { type: "string", required: true },
    eventId: { type: "string", required: true },
    name: { type: "string", required: true },
    status: { type: ["processing", "done"] as const, required: true },
    leaseUntil: { type: "number", required: true },
    at: { type: "string", required: true },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byEvent: {
      pk: { field: "pk", composite: ["consumer", "eventId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
