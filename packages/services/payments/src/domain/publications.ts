import type { PaymentItem } from "../entities/payment";
import { Events } from "@mas/core/events/catalogue";
import { publishOnItsOwn, stageEvent, type StagedEvent } from "@mas/core/outbox/outbox";

/**
 * Turns an outbox key (`succeeded`, `failed`, `refunded-<total>`, `disputed`; see
 * status.ts `publicationsFor`) into the catalogue event, with an envelope id derived from
 * the payment and the key, so a re-publication carries the same id.
 */
export function envelopeIdFor(paymentId: string, key: string): string {
  return `payment:${paymentId}:${key}`;
}

/**
 * Hands one announcement from the payment's own pending set to the outbox (same id however
 * often it is called) and publishes it. Once this returns, delivery is the outbox's job:
 * the sweeper retries what the bus refused.
 */
export async function publishPayment(payment: PaymentItem, key: string, now: Date): Promise<void> {
  const staged = announcementFor(payment, key, now);
  await publishOnItsOwn(staged);
}

function announcementFor(payment: PaymentItem, key: string, now: Date): StagedEvent {
  const base = { paymentId: payment.paymentId, kind: payment.kind, subjectId: payment.subjectId, userId: payment.userId, amountInPence: payment.amountInPence };
  const options = { id: envelopeIdFor(payment.paymentId, key), occurredAt: now };
  if (key === "succeeded") {
    return stageEvent(Events.PaymentSucceeded, base, options);
  } else if (key === "failed") {
    return stageEvent(Events.PaymentFailed, { ...base, ...(payment.failureReason ? { reason: payment.failureReason } : {}) }, options);
  } else if (key.startsWith("refunded-")) {
    return stageEvent(Events.PaymentRefunded, { ...base, refundedInPence: Number(key.slice("refunded-".length)) }, options);
  } else if (key === "disputed") {
    return stageEvent(Events.PaymentDisputed, { ...base, disputedInPence: payment.disputedInPence ?? payment.amountInPence }, options);
  } else {
    throw new Error(`Unknown payment publication ${key}`);
  }
}
