import { Entity, type EntityItem } from "electrodb";

/**
 * A refund we asked Stripe for, under its payment, keyed by Stripe's refund id (a replayed
 * request returns the same refund, so it is recorded once). `reason` says why: the owner's
 * decision, a cancellation under the policy, or a deposit booking could not honour. The payment's `refundedInPence` follows
 * Stripe's cumulative total, not the sum of these.
 */
export const Refund = new Entity({
  model: { entity: "refund", version: "1", service: "mas" },
  attributes: {
    paymentId: { type: "string", required: true, readOnly: true },
    refundId: { type: "string", required: true, readOnly: true },
    amountInPence: { type: "number", required: true, readOnly: true },
    reason: { type: ["owner", "cancellation", "orphaned"] as const, required: true, readOnly: true },
    /** The owner's own words for why (required when `reason` is `owner`; policy refunds explain themselves). */
    ownerReason: { type: "string", readOnly: true },
    /** A user id, or `system` for policy refunds. */
    requestedBy: { type: "string", required: true, readOnly: true },
    idempotencyKey: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    /** A payment's refunds, oldest first. */
    byPayment: {
      pk: { field: "pk", composite: ["paymentId"] },
      sk: { field: "sk", composite: ["createdAt", "refundId"], casing: "none" },
    },
  },
});

export type RefundItem = EntityItem<typeof Refund>;
