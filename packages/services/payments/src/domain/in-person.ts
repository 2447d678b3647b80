import * as z from "zod";
import { db } from "../entities";
import { conflict, notFound } from "@mas/core/errors";
import { stripe } from "@mas/core/ports/payments";
import { londonDateOf, addLocalDays, instantAt, isLocalDate } from "@mas/core/shared/time";
import { CURRENCY } from "./policy";
import { getPayment, isConditionFailure, paymentsCreatedBetween, recordFact, refundsOf, requirePayment, type PaymentItem } from "./repository";
import { paymentSubjectResolver } from "./subjects";
import { inPersonPaymentIdFor, isPaid, paymentIdFor, PAYMENT_KINDS } from "./status";
import { monthOf } from "./summary";

/**
 * Money taken at the clinic (cash, or the card terminal on the desk) for a deposit or a
 * treatment's balance. It is recorded as a payment like any other — same subject rules,
 * same amount from the subject, `payment.succeeded` through the outbox — so booking
 * confirms a deposit the same way, and the day's takings add up whatever the method.
 * If a card payment was already started for the subject and not paid, its intent is
 * cancelled at Stripe first, so the client cannot pay twice.
 */
export const InPersonPayment = z.strictObject({
  kind: z.enum(["deposit", "balance"]),
  subjectId: z.string().trim().min(1).max(64),
  method: z.enum(["cash", "terminal"]),
});
export type InPersonPayment = z.infer<typeof InPersonPayment>;

export async function recordInPersonPayment(input: InPersonPayment & { ownerId: string; now: Date; siteUrl: string }): Promise<PaymentItem> {
  const { kind, subjectId, method, ownerId, now } = input;
  const subject = await paymentSubjectResolver(kind).resolve(subjectId, now, input.siteUrl);
  if (!subject) throw notFound("payments.subject_not_found", "Nothing to pay for here");
  if (subject.notPayableBecause) throw conflict("payments.subject_not_payable", subject.notPayableBecause);
  const online = await getPayment(paymentIdFor(kind, subjectId));
  if (online && isPaid(online.status)) throw conflict("payments.already_paid", "This has already been paid");
  if (online?.stripePaymentIntentId) await cancelStartedCardPayment(online, now);
  const paymentId = online ? inPersonPaymentIdFor(kind, subjectId) : paymentIdFor(kind, subjectId);
  const at = now.toISOString();
  const item: PaymentItem = {
    paymentId,
    kind,
    subjectId,
    userId: subject.userId,
    amountInPence: subject.amountInPence,
    currency: CURRENCY,
    description: subject.description,
    method,
    status: "requires_payment",
    refundedInPence: 0,
    offSessionAgreed: false,
    history: [{ at, from: "none", to: "requires_payment", by: ownerId, note: `taken in person (${method})` }],
    createdAt: at,
    createdMonth: monthOf(now),
    updatedAt: at,
  };
  try {
    await db().entities.payment.create(item).go({ response: "none" });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await requirePayment(paymentId);
    if (isPaid(existing.status)) throw conflict("payments.already_paid", "This has already been paid");
  }
  return (await recordFact(paymentId, { type: "succeeded" }, { by: ownerId, note: method === "cash" ? "cash at the clinic" : "card terminal at the clinic", now })).payment;
}

async function cancelStartedCardPayment(payment: PaymentItem, now: Date): Promise<void> {
  const client = await stripe();
  const intent = await client.paymentIntents.retrieve(payment.stripePaymentIntentId!);
  if (intent.status === "succeeded" || intent.status === "processing") {
    await recordFact(payment.paymentId, { type: intent.status === "succeeded" ? "succeeded" : "processing" }, { by: "system", note: "seen at Stripe", now });
    throw conflict("payments.already_paid", "The card payment for this has already gone through");
  }
  if (intent.status !== "canceled") await client.paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" }, { idempotencyKey: `cancel-${payment.paymentId}` });
  await recordFact(payment.paymentId, { type: "canceled" }, { by: "system", note: "paid in person instead", now });
}

/** A London date's takings: what was paid that day by method and kind, and refunds recorded that day. */
export const takingsQuery = z.object({ date: z.string().refine(isLocalDate, "Use a date as YYYY-MM-DD").optional() });

export async function dayTakings(date: string | undefined, now: Date) {
  const day = date ?? londonDateOf(now);
  const start = instantAt(day, "00:00");
  const end = instantAt(addLocalDays(day, 1), "00:00");
  // A payment is paid within days of being created (a hold is at most a day): a week covers it.
  const payments = (await paymentsCreatedBetween(instantAt(addLocalDays(day, -7), "00:00"), end)).filter(
    (p) => isPaid(p.status) && p.paidAt !== undefined && p.paidAt >= start.toISOString() && p.paidAt < end.toISOString(),
  );
  const methods = ["stripe", "cash", "terminal"] as const;
  const byMethod = Object.fromEntries(methods.map((m) => [m, 0])) as Record<(typeof methods)[number], number>;
  const byKind = Object.fromEntries(PAYMENT_KINDS.map((k) => [k, 0])) as Record<(typeof PAYMENT_KINDS)[number], number>;
  for (const p of payments) {
    byMethod[p.method ?? "stripe"] += p.amountInPence;
    byKind[p.kind] += p.amountInPence;
  }
  const refunds = (await Promise.all(payments.map((p) => refundsOf(p.paymentId)))).flat().filter((r) => r.createdAt >= start.toISOString() && r.createdAt < end.toISOString());
  return {
    date: day,
    totalInPence: payments.reduce((sum, p) => sum + p.amountInPence, 0),
    byMethod,
    byKind,
    refundedInPence: refunds.reduce((sum, r) => sum + r.amountInPence, 0),
    payments: payments.map((p) => ({ paymentId: p.paymentId, kind: p.kind, subjectId: p.subjectId, userId: p.userId, amountInPence: p.amountInPence, method: p.method ?? "stripe", paidAt: p.paidAt! })),
  };
}
