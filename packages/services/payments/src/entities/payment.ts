import { Entity, type EntityItem } from "electrodb";
import { PAYMENT_KINDS, PAYMENT_STATUSES } from "../domain/status";

/**
 * One payment of one kind for one subject (an appointment's deposit or no-show fee, a
 * course enrollment's fee), keyed `<kind>-<subjectId>` so asking to pay twice finds the
 * first. The amount is computed on the server from the subject, never taken from a
 * request. `status` and `refundedInPence` only move forward (payments/status.ts); every
 * change is a conditional write on both, appends to `history`, and adds the events it must
 * announce to `unpublished` until they have been published (the outbox).
 * Holds no names or contact details: amounts, dates and ids (kept six years for HMRC).
 */
export const Payment = new Entity({
  model: { entity: "payment", version: "1", service: "mas" },
  attributes: {
    paymentId: { type: "string", required: true, readOnly: true },
    kind: { type: PAYMENT_KINDS, required: true, readOnly: true },
    subjectId: { type: "string", required: true, readOnly: true },
    userId: { type: "string", required: true, readOnly: true },
    amountInPence: { type: "number", required: true, readOnly: true },
    currency: { type: ["gbp"] as const, required: true, readOnly: true },
    description: { type: "string", required: true },
    /** Absent for money taken in person (cash, the card terminal): Stripe never saw it. */
    stripePaymentIntentId: { type: "string", readOnly: true },
    stripeCustomerId: { type: "string", readOnly: true },
    /** How the money came: online through Stripe, or in person at the clinic. */
    method: { type: ["stripe", "cash", "terminal"] as const, default: "stripe", readOnly: true },
    stripeChargeId: { type: "string" },
    status: { type: PAYMENT_STATUSES, required: true },
    refundedInPence: { type: "number", required: true, default: 0 },
    disputedInPence: { type: "number" },
    failureReason: { type: "string" },
    /** The client accepted NO_SHOW_MANDATE (this version) when paying: their card may be charged off-session. */
    offSessionAgreed: { type: "boolean", required: true, default: false },
    mandateVersion: { type: "string" },
    /** The card Stripe saved for that mandate (set once the payment succeeded). */
    savedPaymentMethodId: { type: "string" },
    /** Events still to publish: `<key>@<ISO time of the transition>` (see repository.ts). */
    unpublished: { type: "set", items: "string" },
    /** Every change, oldest first. `by`: a Stripe event id, a user id, or `system`. */
    history: {
      type: "list",
      required: true,
      default: [],
      items: {
        type: "map",
        properties: {
          at: { type: "string", required: true },
          from: { type: "string", required: true },
          to: { type: "string", required: true },
          by: { type: "string", required: true },
          note: { type: "string" },
        },
      },
    },
    createdAt: { type: "string", required: true, readOnly: true },
    /** London calendar month of `createdAt` (`2026-06`): the owner list's partition. */
    createdMonth: { type: "string", required: true, readOnly: true },
    paidAt: { type: "string" },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["paymentId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A user's payments, newest last (receipts, data export). */
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "paymentId"] },
    },
    /** Which payment is this PaymentIntent? (disputes carry no metadata of ours) */
    byIntent: {
      index: "gsi2",
      // Stripe ids are case-sensitive: keep them as they are (ElectroDB lowercases by default).
      pk: { field: "gsi2pk", composite: ["stripePaymentIntentId"], casing: "none" },
      sk: { field: "gsi2sk", composite: [] },
    },
    /** The owner's list and totals: a month's payments by creation time. */
    byMonth: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: ["createdMonth"] },
      sk: { field: "gsi3sk", composite: ["createdAt", "paymentId"] },
    },
  },
});

export type PaymentItem = EntityItem<typeof Payment>;
