import { Entity, type EntityItem } from "electrodb";

/**
 * The uniqueness constraint on email addresses: one item per lowercased address, created
 * with attribute_not_exists in the same transaction as its User, so two concurrent
 * registrations of `Ana@x` and `ana@X` cannot both commit. Sign-in finds the user through
 * it (a consistent read). Deleted on erasure, so the address can register again.
 */
export const EmailClaim = new Entity({
  model: { entity: "email_claim", version: "1", service: "mas" },
  attributes: {
    email: { type: "string", required: true, readOnly: true, set: (value?: string) => value?.toLowerCase() },
    userId: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    /** Who, if anyone, owns this address? */
    byEmail: {
      pk: { field: "pk", composite: ["email"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

export type EmailClaimItem = EntityItem<typeof EmailClaim>;
