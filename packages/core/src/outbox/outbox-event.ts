import { Entity, type EntityItem } from "electrodb";

const attributes = {
  eventId: { type: "string", required: true },
  name: { type: "string", required: true },
  source: { type: "string", required: true },
  detail: { type: "string", required: true },
  createdAt: { type: "string", required: true },
  attempts: { type: "number", default: 0 },
  lastError: { type: "string" },
} as const;

/**
 * An event waiting to reach the bus: written in the same transaction as the state change
 * it announces, deleted once EventBridge accepted it. `detail` is the envelope exactly as
 * it will be published (its `id` is the event id consumers dedupe on), so however often it
 * is sent, it is the same event.
 *
 * All pending events live in one table partition (`$mas#outbox`), oldest first, which is
 * what the sweeper reads. They used to be found through a sparse gsi1 index (version 1,
 * below): its copy cost 1 WCU on every put and 1 more on every delete — 2 of a booking's
 * ~22 write units, on every event every service publishes (issue 20). One partition is
 * plenty: an item lives for the few milliseconds between commit and publish, and a
 * partition takes 1,000 WCU/s (~300 events a second, put and delete).
 */
export const OutboxEvent = new Entity({
  model: { entity: "outboxEvent", version: "2", service: "mas" },
  attributes,
  indexes: {
    pending: {
      pk: { field: "pk", composite: [], template: "$mas#outbox" },
      sk: { field: "sk", composite: ["createdAt", "eventId"] },
    },
  },
});

export type OutboxEventItem = EntityItem<typeof OutboxEvent>;

/**
 * Events written before issue 20: keyed by event id, found through gsi1. Nothing writes
 * them any more; the sweeper still drains any the fast path left behind, and this goes
 * once a deploy has run with none left (`outboxBacklog` shows them).
 */
export const LegacyOutboxEvent = new Entity({
  model: { entity: "outboxEvent", version: "1", service: "mas" },
  attributes,
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
