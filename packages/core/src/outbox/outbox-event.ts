import { Entity, type EntityItem } from "electrodb";

/**
 * An event waiting to reach the bus: written in the same transaction as the state change
 * it announces, deleted once EventBridge accepted it. `detail` is the envelope exactly as
 * it will be published (its `id` is the event id consumers dedupe on), so however often it
 * is sent, it is the same event. The `pending` index (sparse: only outbox items carry
 * gsi1 keys of this shape) is what the sweeper reads, oldest first.
 */
export const OutboxEvent = new Entity({
  model: { entity: "outboxEvent", version: "1", service: "mas" },
  attributes: {
    eventId: { type: "string", required: true },
    name: { type: "string", required: true },
    source: { type: "string", required: true },
    detail: { type: "string", required: true },
    createdAt: { type: "string", required: true },
    attempts: { type: "number", default: 0 },
    lastError: { type: "string" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["eventId"] },
      sk: { field: "sk", composite: [] },
    },
    pending: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["createdAt", "eventId"] },
    },
  },
});

export type OutboxEventItem = EntityItem<typeof OutboxEvent>;
