import { Entity, type EntityItem } from "electrodb";

/**
 * A Stripe webhook event we have seen, by Stripe's event id: created with a conditional
 * put when it first arrives (`processing`), marked `processed` once handled. A delivery of
 * a processed event is a duplicate and does nothing; one still `processing` (a concurrent
 * or crashed attempt) is handled again, which is safe because every effect is idempotent.
 * Expires (TTL) after 90 days, well past Stripe's three days of retries.
 */
export const StripeEvent = new Entity({
  model: { entity: "stripeEvent", version: "1", service: "mas" },
  attributes: {
    eventId: { type: "string", required: true, readOnly: true },
    type: { type: "string", required: true, readOnly: true },
    status: { type: ["processing", "processed"] as const, required: true },
    /** What it did: `applied`, `no_change`, `ignored`, `unknown_payment`. */
    outcome: { type: "string" },
    paymentId: { type: "string" },
    receivedAt: { type: "string", required: true, readOnly: true },
    processedAt: { type: "string" },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byId: {
      // Stripe ids are case-sensitive: keep them as they are (ElectroDB lowercases by default).
      pk: { field: "pk", composite: ["eventId"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});

export type StripeEventItem = EntityItem<typeof StripeEvent>;
