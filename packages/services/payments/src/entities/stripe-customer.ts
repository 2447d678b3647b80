import { Entity, type EntityItem } from "electrodb";

/**
 * Each user's Stripe customer, created once and reused for every payment (so cards saved
 * for off-session fees stay with the person). Stripe is given no name or email: the
 * customer carries only our userId in its metadata.
 */
export const StripeCustomer = new Entity({
  model: { entity: "stripeCustomer", version: "1", service: "mas" },
  attributes: {
    userId: { type: "string", required: true, readOnly: true },
    stripeCustomerId: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byUser: {
      pk: { field: "pk", composite: ["userId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

export type StripeCustomerItem = EntityItem<typeof StripeCustomer>;
