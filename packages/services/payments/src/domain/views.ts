import type { PaymentItem } from "../entities/payment";

/** What a client sees of their own payment: a receipt (no Stripe ids, no history). */
export function receiptOf(p: PaymentItem) {
  return {
    paymentId: p.paymentId,
    kind: p.kind,
    subjectId: p.subjectId,
    description: p.description,
    amountInPence: p.amountInPence,
    refundedInPence: p.refundedInPence,
    currency: p.currency,
    status: p.status,
    createdAt: p.createdAt,
    paidAt: p.paidAt ?? null,
  };
}

/** The owner's row: the receipt plus who paid, Stripe references and what went wrong. */
export function adminViewOf(p: PaymentItem) {
  return {
    ...receiptOf(p),
    userId: p.userId,
    stripePaymentIntentId: p.stripePaymentIntentId ?? null,
    method: p.method ?? "stripe",
    stripeChargeId: p.stripeChargeId ?? null,
    disputedInPence: p.disputedInPence ?? null,
    failureReason: p.failureReason ?? null,
    offSessionAgreed: p.offSessionAgreed,
    cardSavedForFees: Boolean(p.savedPaymentMethodId),
    updatedAt: p.updatedAt,
  };
}
