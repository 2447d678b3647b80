import type { PaymentItem } from "../db/entities/payment";
import { Events } from "../events/catalogue";
import { publish } from "../ports/bus";

/**
 * Turns an outbox key (`succeeded`, `failed`, `refunded-<total>`, `disputed`; see
 * status.ts `publicationsFor`) into the catalogue event, with an envelope id derived from
 * the payment and the key, so a re-publication carries the same id.
 */
export function envelopeIdFor(paymentId: string, key: string): string {
  return `payment:${paymentId}:${key}`;
}

export async function publishPayment(payment: PaymentItem, key: string, now: Date): Promise<void> {
  const base = { paymentId: payment.paymentId, kind: payment.kind, subjectId: payment.subjectId, userId: payment.userId, amountInPence: payment.amountInPence };
  const options = { id: envelopeIdFor(payment.paymentId, key), occurredAt: now };
  if (key === "succeeded") {
    await publish(Events.PaymentSucceeded, base, options);
  } else if (key === "failed") {
    await publish(Events.PaymentFailed, { ...base, ...(payment.failureReason ? { reason: payment.failureReason } : {}) }, options);
  } else if (key.startsWith("refunded-")) {
    await publish(Events.PaymentRefunded, { ...base, refundedInPence: Number(key.slice("refunded-".length)) }, options);
  } else if (key === "disputed") {
    await publish(Events.PaymentDisputed, { ...base, disputedInPence: payment.disputedInPence ?? payment.amountInPence }, options);
  } else {
    throw new Error(`Unknown payment publication ${key}`);
  }
}
