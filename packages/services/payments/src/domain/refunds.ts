import type Stripe from "stripe";
import { db } from "../entities";
import type { RefundItem } from "../entities/refund";
import { DomainError } from "@mas/core/errors";
import { stripe } from "@mas/core/ports/payments";
import { openPayment } from "./intents";
import { cancellationRefundInPence, keptInPence, noShowChargeInPence, ownerRefundInPence, remainingInPence } from "./policy";
import { getPayment, isConditionFailure, recordFact, refundsOf, requirePayment, type PaymentItem } from "./repository";
import { paymentIdFor } from "./status";
import { siteLinks } from "@mas/core/links";

/**
 * Money going back (refunds) and the money booking's outcomes call for (cancellation
 * refunds, no-show fees). Every Stripe call carries an idempotency key derived from what
 * it is for, so a retried request or a redelivered event never moves money twice.
 */
export async function refundByOwner(input: {
  paymentId: string;
  amountInPence?: number;
  /** Why the owner is giving money back, in her words (kept with the refund, shown in the payment and the export). */
  reason: string;
  ownerId: string;
  /** The form's `Idempotency-Key`: the same key is the same refund, however late the second click. */
  requestKey?: string;
  now: Date;
}): Promise<IssuedRefund> {
  const payment = await requirePayment(input.paymentId);
  if (input.requestKey) {
    const done = (await refundsOf(payment.paymentId)).find((r) => r.idempotencyKey === `refund-${payment.paymentId}-${input.requestKey}`);
    if (done) return { payment, refund: done, created: false };
  }
  const amount = ownerRefundInPence(payment, input.amountInPence);
  // Without a key: same payment state + same amount = the same request (simultaneous clicks).
  const key = input.requestKey ? `refund-${payment.paymentId}-${input.requestKey}` : `refund-${payment.paymentId}-${payment.refundedInPence}-${amount}`;
  return issueRefund(payment, amount, { key, reason: "owner", ownerReason: input.reason, by: input.ownerId, now: input.now });
}

interface RefundMeta {
  key: string;
  reason: RefundItem["reason"];
  ownerReason?: string;
  by: string;
  now: Date;
}

/** The history line of a refund: its kind, and the owner's words when she gave them. */
const refundNote = (meta: RefundMeta, what: string) => `${meta.reason} refund ${what}${meta.ownerReason ? ` (${meta.ownerReason})` : ""}`;

/** `created` is false when the request was a repeat and the refund already existed. */
export interface IssuedRefund {
  payment: PaymentItem;
  refund: RefundItem;
  created: boolean;
}

async function issueRefund(payment: PaymentItem, amount: number, meta: RefundMeta): Promise<IssuedRefund> {
  if (!payment.stripePaymentIntentId) return refundInPerson(payment, amount, meta);
  let refund: Stripe.Refund;
  try {
    refund = await (await stripe()).refunds.create(
      { payment_intent: payment.stripePaymentIntentId, amount, metadata: { paymentId: payment.paymentId, reason: meta.reason }, expand: ["charge"] },
      { idempotencyKey: meta.key },
    );
  } catch (error) {
    const stripeError = error as Stripe.errors.StripeError;
    if (stripeError.type === "StripeInvalidRequestError") throw new DomainError("unprocessable", "payments.refund_rejected", `Stripe refused the refund: ${stripeError.message}`);
    throw error;
  }
  const item: RefundItem = {
    paymentId: payment.paymentId,
    refundId: refund.id,
    amountInPence: refund.amount,
    reason: meta.reason,
    ...(meta.ownerReason ? { ownerReason: meta.ownerReason } : {}),
    requestedBy: meta.by,
    idempotencyKey: meta.key,
    createdAt: meta.now.toISOString(),
  };
  let created = true;
  try {
    await db().entities.refund.create(item).go({ response: "none" });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    created = false;
  }
  const charge = refund.charge as Stripe.Charge;
  const { payment: updated } = await recordFact(
    payment.paymentId,
    { type: "refunded", totalRefundedInPence: charge.amount_refunded },
    { by: meta.by, note: refundNote(meta, refund.id), details: { stripeChargeId: charge.id }, now: meta.now },
  );
  return { payment: updated, refund: item, created };
}

/**
 * Money taken in person goes back in person: the refund is recorded (the day's takings show
 * it as owed back in cash or on the terminal) under the same key rules as a Stripe refund.
 */
async function refundInPerson(payment: PaymentItem, amount: number, meta: RefundMeta): Promise<IssuedRefund> {
  const item: RefundItem = {
    paymentId: payment.paymentId,
    refundId: `in-person-${meta.key}`,
    amountInPence: amount,
    reason: meta.reason,
    ...(meta.ownerReason ? { ownerReason: meta.ownerReason } : {}),
    requestedBy: meta.by,
    idempotencyKey: meta.key,
    createdAt: meta.now.toISOString(),
  };
  let created = true;
  try {
    await db().entities.refund.create(item).go({ response: "none" });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    created = false;
  }
  if (!created) return { payment, refund: (await refundsOf(payment.paymentId)).find((r) => r.idempotencyKey === meta.key) ?? item, created };
  const { payment: updated } = await recordFact(
    payment.paymentId,
    { type: "refunded", totalRefundedInPence: payment.refundedInPence + amount },
    { by: meta.by, note: refundNote(meta, `to give back ${payment.method === "cash" ? "in cash" : "on the card terminal"}`), now: meta.now },
  );
  return { payment: updated, refund: item, created };
}

/**
 * appointment.cancelled: an unpaid deposit's intent is cancelled (so it cannot be paid for
 * a slot that is gone); a paid one is refunded down to the fee booking's policy keeps
 * (`refund-cancel-<appointmentId>`). Stripe's view of the intent decides, not ours: the
 * webhook saying it was paid may not have arrived yet.
 */
export async function settleCancelledAppointment(input: { appointmentId: string; feeInPence: number; refundDeposit: boolean; now: Date }): Promise<void> {
  const payment = await getPayment(paymentIdFor("deposit", input.appointmentId));
  if (!payment) return;
  const paid = await closeUnpaidIntent(payment, "appointment cancelled", input.now);
  if (!paid) return;
  if ((await refundsOf(payment.paymentId)).some((r) => r.reason === "cancellation")) return;
  const amount = cancellationRefundInPence({ payment: paid, feeInPence: input.feeInPence, refundDeposit: input.refundDeposit });
  if (amount === 0) return;
  try {
    await issueRefund(paid, amount, { key: `refund-cancel-${input.appointmentId}`, reason: "cancellation", by: "system", now: input.now });
  } catch (error) {
    // The key was used with another amount: this cancellation's refund was already made.
    if ((error as Stripe.errors.StripeError).type !== "StripeIdempotencyError") throw error;
  }
}

/**
 * appointment.deposit_orphaned: booking could not honour a deposit that arrived (the hold
 * had lapsed and the slot was taken, or the appointment was closed): all of it goes back.
 */
export async function refundOrphanedDeposit(input: { appointmentId: string; paymentId: string; now: Date }): Promise<void> {
  const payment = await getPayment(input.paymentId);
  if (!payment || payment.kind !== "deposit" || payment.subjectId !== input.appointmentId) return;
  const paid = await closeUnpaidIntent(payment, "deposit orphaned", input.now);
  if (!paid || remainingInPence(paid) === 0) return;
  if ((await refundsOf(paid.paymentId)).some((r) => r.reason === "orphaned")) return;
  await issueRefund(paid, remainingInPence(paid), { key: `refund-orphan-${input.appointmentId}`, reason: "orphaned", by: "system", now: input.now });
}

/** Cancels the intent if it can still be paid; returns the (updated) payment if it was paid. */
async function closeUnpaidIntent(payment: PaymentItem, why: string, now: Date): Promise<PaymentItem | undefined> {
  // Taken in person: it was paid when it was recorded, and there is no intent to close.
  if (!payment.stripePaymentIntentId) return payment;
  const client = await stripe();
  const intent = await client.paymentIntents.retrieve(payment.stripePaymentIntentId);
  if (intent.status === "succeeded") {
    const { payment: paid } = await recordFact(payment.paymentId, { type: "succeeded" }, { by: "system", note: "seen paid at Stripe", now });
    return paid;
  }
  if (intent.status === "processing") throw new Error(`Intent ${intent.id} is processing; retry once it settles`);
  if (intent.status !== "canceled") {
    await client.paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" }, { idempotencyKey: `cancel-${payment.paymentId}` });
  }
  await recordFact(payment.paymentId, { type: "canceled" }, { by: "system", note: why, now });
  return undefined;
}

/**
 * appointment.no_show: the fee is booking's; the deposit kept counts toward it; the rest is
 * charged off-session on the saved card if the client accepted the mandate, else raised as
 * a `fee` payment the client pays on-session (POST /intents `{ kind: "fee" }`).
 */
export async function chargeNoShowFee(input: { appointmentId: string; clientId: string; feeInPence: number; now: Date; siteUrl: string }): Promise<PaymentItem | undefined> {
  const feeId = paymentIdFor("fee", input.appointmentId);
  const existing = await getPayment(feeId);
  if (existing) return existing;
  const deposit = await getPayment(paymentIdFor("deposit", input.appointmentId));
  const amount = noShowChargeInPence({ feeInPence: input.feeInPence, depositKeptInPence: keptInPence(deposit) });
  if (amount === 0) return undefined;
  const saved = deposit?.offSessionAgreed && deposit.savedPaymentMethodId ? deposit.savedPaymentMethodId : undefined;
  return openPayment({
    kind: "fee",
    subjectId: input.appointmentId,
    subject: {
      userId: input.clientId,
      amountInPence: amount,
      description: "Missed appointment fee",
      returnUrl: siteLinks(input.siteUrl).payments(),
      saveCardForOffSession: false,
    },
    now: input.now,
    ...(saved ? { charge: { paymentMethodId: saved, offSession: true } } : {}),
  });
}
