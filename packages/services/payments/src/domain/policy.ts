import { DomainError, conflict, unprocessable } from "@mas/core/errors";
import { assertPence, type Pence } from "@mas/core/shared/money";
import { isRefundable, type PaymentStatus } from "./status";

/**
 * Money rules of payments, as arithmetic on integer pence.
 *
 * Cancellation (booking decides `feeInPence` and `refundDeposit` with its policy, payments
 * moves the money): the client ends up having paid the fee out of the deposit, so the
 * refund brings the deposit's refunded total up to `deposit − fee` — never below zero,
 * never more than is left, and not at all when `refundDeposit` is false.
 *
 * No-show: the fee is booking's `noShowFee`. The deposit is kept and counts toward it; only
 * the remainder is charged, off-session on the card saved with the deposit and only if the
 * client agreed to that mandate when paying. A remainder under Stripe's minimum charge is
 * waived (Stripe refuses smaller charges).
 */
export const CURRENCY = "gbp";
/** Stripe's smallest GBP charge. */
export const MINIMUM_CHARGE_IN_PENCE = 30;

/**
 * Shown beside the deposit's pay button and recorded (by version) on the payment: paying a
 * deposit saves the card for this one purpose.
 */
export const NO_SHOW_MANDATE = {
  version: "no-show-2026-06",
  text:
    "By paying this deposit you authorise Master Aesthetics to keep your card on file and charge it, " +
    "without you present, for the no-show fee in our cancellation policy if you miss this appointment " +
    "without notice. Your deposit counts toward that fee.",
} as const;

interface Refundable {
  status: PaymentStatus;
  amountInPence: Pence;
  refundedInPence: Pence;
}

export function remainingInPence(payment: Refundable): Pence {
  return isRefundable(payment.status) ? Math.max(0, payment.amountInPence - payment.refundedInPence) : 0;
}

/** An owner's refund: everything left by default, else 1p … what is left. */
export function ownerRefundInPence(payment: Refundable, requested?: Pence): Pence {
  if (!isRefundable(payment.status)) {
    throw conflict("payments.not_refundable", `A ${payment.status.replace("_", " ")} payment cannot be refunded`);
  }
  const remaining = remainingInPence(payment);
  if (remaining === 0) throw conflict("payments.not_refundable", "This payment has been refunded in full");
  if (requested === undefined) return remaining;
  assertPence(requested, "amountInPence");
  if (requested < 1) throw unprocessable("payments.invalid_refund", "Refund at least 1p", { amountInPence: "Must be at least 1" });
  if (requested > remaining) {
    throw new DomainError("unprocessable", "payments.refund_too_large", `At most ${remaining}p can be refunded`, {
      amountInPence: `Must be at most ${remaining}`,
    });
  }
  return requested;
}

export function cancellationRefundInPence(input: { payment: Refundable; feeInPence: Pence; refundDeposit: boolean }): Pence {
  const { payment, feeInPence, refundDeposit } = input;
  if (!refundDeposit) return 0;
  const owed = payment.amountInPence - assertPence(feeInPence, "feeInPence") - payment.refundedInPence;
  return Math.min(Math.max(0, owed), remainingInPence(payment));
}

/** What to charge for a no-show once the deposit kept is counted; 0 when nothing (chargeable) is due. */
export function noShowChargeInPence(input: { feeInPence: Pence; depositKeptInPence: Pence }): Pence {
  const remainder = assertPence(input.feeInPence, "feeInPence") - assertPence(input.depositKeptInPence, "depositKeptInPence");
  return remainder >= MINIMUM_CHARGE_IN_PENCE ? remainder : 0;
}

/** What a paid deposit still holds (kept toward fees): paid, minus refunds; nothing if charged back. */
export function keptInPence(payment: Refundable | undefined): Pence {
  if (!payment || !isRefundable(payment.status)) return 0;
  return payment.amountInPence - payment.refundedInPence;
}
