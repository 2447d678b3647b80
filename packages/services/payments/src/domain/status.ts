/**
 * The payment state machine, as pure functions over what Stripe has told us.
 *
 * Stripe retries webhooks for days and does not order them, so a payment's state must be a
 * pure function of the SET of facts received, never of their order or multiplicity. Each
 * fact can only move a payment up a lattice:
 *
 *   unpaid:  requires_payment < processing < failed < canceled
 *   paid:    succeeded < partially_refunded < refunded      (by the refunded total)
 *   top:     disputed                                        (a chargeback trumps all)
 *
 * Any paid status is above every unpaid one (a `failed` after `succeeded` never un-pays);
 * a refund or dispute implies the payment succeeded, so it may arrive first; the refunded
 * total only grows (`charge.refunded` carries the cumulative `amount_refunded`, so the
 * largest one seen wins). `advance` returns undefined when a fact changes nothing: the
 * repository's conditional write then does nothing and publishes nothing.
 */
/** `balance`: what is left of a treatment's price after its deposit, taken on the day. */
export const PAYMENT_KINDS = ["deposit", "course_fee", "fee", "balance"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_STATUSES = [
  "requires_payment",
  "processing",
  "failed",
  "canceled",
  "succeeded",
  "partially_refunded",
  "refunded",
  "disputed",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type PaymentFact =
  | { type: "processing" }
  | { type: "failed"; reason?: string }
  | { type: "canceled" }
  | { type: "succeeded" }
  | { type: "refunded"; totalRefundedInPence: number }
  | { type: "disputed"; disputedInPence: number };

export interface MoneyState {
  status: PaymentStatus;
  amountInPence: number;
  refundedInPence: number;
}

const UNPAID_RANK: Partial<Record<PaymentStatus, number>> = { requires_payment: 0, processing: 1, failed: 2, canceled: 3 };

/** Money was taken (it may since have been refunded or disputed). */
export function isPaid(status: PaymentStatus): boolean {
  return UNPAID_RANK[status] === undefined;
}

/** Whether the owner (or a cancellation) can still refund: paid, not fully refunded, not charged back. */
export function isRefundable(status: PaymentStatus): boolean {
  return status === "succeeded" || status === "partially_refunded";
}

export function advance(state: MoneyState, fact: PaymentFact): MoneyState | undefined {
  switch (fact.type) {
    case "processing":
    case "failed":
    case "canceled": {
      const current = UNPAID_RANK[state.status];
      const target = UNPAID_RANK[fact.type] as number;
      return current !== undefined && current < target ? { ...state, status: fact.type } : undefined;
    }
    case "succeeded":
      return isPaid(state.status) ? undefined : { ...state, status: "succeeded" };
    case "refunded": {
      const total = Math.min(Math.max(0, fact.totalRefundedInPence), state.amountInPence);
      const refundedInPence = Math.max(total, state.refundedInPence);
      const next: MoneyState = { ...state, refundedInPence, status: paidStatusFor(state, refundedInPence) };
      return next.status === state.status && next.refundedInPence === state.refundedInPence ? undefined : next;
    }
    case "disputed":
      return state.status === "disputed" ? undefined : { ...state, status: "disputed" };
  }
}

function paidStatusFor(state: MoneyState, refundedInPence: number): PaymentStatus {
  if (state.status === "disputed") return "disputed";
  if (refundedInPence >= state.amountInPence) return "refunded";
  return refundedInPence > 0 ? "partially_refunded" : "succeeded";
}

/** Folds facts in the order given (tests: the result must not depend on that order). */
export function foldFacts(initial: MoneyState, facts: readonly PaymentFact[]): MoneyState {
  return facts.reduce((state, fact) => advance(state, fact) ?? state, initial);
}

export type PublicationName = "payment.succeeded" | "payment.failed" | "payment.refunded" | "payment.disputed";

/**
 * What a transition announces. Each key names a fact that can become true only once per
 * payment (`refunded-<total>` once per total), so the envelope id derived from it is
 * stable: re-publishing after a crash gives consumers the same id to dedupe on.
 * `payment.succeeded` is announced whenever a payment first becomes paid — also when a
 * refund or dispute was the first news of it — so booking and learning always see it.
 */
export function publicationsFor(before: MoneyState, after: MoneyState): { name: PublicationName; key: string }[] {
  const out: { name: PublicationName; key: string }[] = [];
  if (!isPaid(before.status) && isPaid(after.status)) out.push({ name: "payment.succeeded", key: "succeeded" });
  if (after.status === "failed" && before.status !== "failed") out.push({ name: "payment.failed", key: "failed" });
  if (after.refundedInPence > before.refundedInPence) out.push({ name: "payment.refunded", key: `refunded-${after.refundedInPence}` });
  if (after.status === "disputed" && before.status !== "disputed") out.push({ name: "payment.disputed", key: "disputed" });
  return out;
}

/** `deposit-<appointmentId>`: one payment per kind and subject, so asking twice finds the first. */
export function paymentIdFor(kind: PaymentKind, subjectId: string): string {
  return `${kind}-${subjectId}`;
}

/** Money taken in person for a subject whose card payment had already been started (and was then cancelled). */
export function inPersonPaymentIdFor(kind: PaymentKind, subjectId: string): string {
  return `${kind}-${subjectId}-in-person`;
}
