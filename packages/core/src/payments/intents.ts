import type Stripe from "stripe";
import { db } from "../db/service";
import { conflict, notFound } from "../errors";
import { checkoutUrl, stripe } from "../ports/payments";
import { CURRENCY, NO_SHOW_MANDATE } from "./policy";
import { createPayment, getPayment, isConditionFailure, recordFact, type PaymentItem } from "./repository";
import { paymentSubjectResolver, type PaymentSubject } from "./subjects";
import { isPaid, paymentIdFor, type PaymentKind } from "./status";

/**
 * Starting (or resuming) a payment. The amount always comes from the subject; the Stripe
 * customer is the user's one customer; the PaymentIntent is created with an idempotency
 * key derived from the subject (`pi-<kind>-<subjectId>`) and recorded under a payment id
 * derived from it too, so asking again — or twice at once — returns the same intent.
 */
export interface StartedPayment {
  paymentId: string;
  kind: PaymentKind;
  subjectId: string;
  amountInPence: number;
  currency: "gbp";
  clientSecret: string;
  /** Locally: the fake Stripe's checkout page. Absent in AWS (the site uses Stripe Elements). */
  checkoutUrl?: string;
  /** Present when paying saves the card for the no-show fee: show it beside the pay button. */
  mandate?: string;
}

export async function startPayment(input: { kind: PaymentKind; subjectId: string; userId: string; now: Date }): Promise<StartedPayment> {
  const { kind, subjectId, userId, now } = input;
  const subject = await paymentSubjectResolver(kind).resolve(subjectId, now);
  if (!subject || subject.userId !== userId) throw notFound("payments.subject_not_found", "Nothing to pay for here");
  const existing = await getPayment(paymentIdFor(kind, subjectId));
  if (existing && isPaid(existing.status)) throw conflict("payments.already_paid", "This has already been paid");
  if (subject.notPayableBecause) throw conflict("payments.subject_not_payable", subject.notPayableBecause);
  const payment = existing ?? (await openPayment({ kind, subjectId, subject, now }));
  const intent = await (await stripe()).paymentIntents.retrieve(payment.stripePaymentIntentId);
  if (intent.status === "succeeded") {
    await recordFact(payment.paymentId, { type: "succeeded" }, { by: "system", note: "seen paid at Stripe", now });
    throw conflict("payments.already_paid", "This has already been paid");
  }
  if (intent.status === "canceled") throw conflict("payments.subject_not_payable", "This payment was cancelled");
  const url = checkoutUrl(intent.id);
  return {
    paymentId: payment.paymentId,
    kind,
    subjectId,
    amountInPence: payment.amountInPence,
    currency: CURRENCY,
    clientSecret: intent.client_secret as string,
    ...(url ? { checkoutUrl: url } : {}),
    ...(payment.offSessionAgreed ? { mandate: NO_SHOW_MANDATE.text } : {}),
  };
}

/** Creates the PaymentIntent and its payment record (both idempotent on the subject). */
export async function openPayment(input: {
  kind: PaymentKind;
  subjectId: string;
  subject: PaymentSubject;
  now: Date;
  /** Charge this card now from the server: a saved card off-session (client absent), or a test card (demo seed). */
  charge?: { paymentMethodId: string; offSession: boolean };
}): Promise<PaymentItem> {
  const { kind, subjectId, subject, now } = input;
  const paymentId = paymentIdFor(kind, subjectId);
  const customer = await stripeCustomerFor(subject.userId, now);
  const params: Stripe.PaymentIntentCreateParams = {
    amount: subject.amountInPence,
    currency: CURRENCY,
    customer,
    description: subject.description,
    metadata: { paymentId, kind, subjectId, userId: subject.userId, return_url: subject.returnUrl },
    ...(subject.saveCardForOffSession ? { setup_future_usage: "off_session" as const } : {}),
    ...(input.charge ? { payment_method: input.charge.paymentMethodId, confirm: true, ...(input.charge.offSession ? { off_session: true } : {}) } : {}),
  };
  const client = await stripe();
  let intent: Stripe.PaymentIntent;
  let declined: string | undefined;
  try {
    intent = await client.paymentIntents.create(params, { idempotencyKey: `pi-${kind}-${subjectId}` });
  } catch (error) {
    // A charge the bank refused still leaves an intent the client can pay on-session.
    const card = error as Stripe.errors.StripeCardError;
    if (!input.charge || card.type !== "StripeCardError" || !card.payment_intent) throw error;
    intent = card.payment_intent;
    declined = card.decline_code ?? card.code ?? "card_declined";
  }
  const payment = await createPayment(
    {
      paymentId,
      kind,
      subjectId,
      userId: subject.userId,
      amountInPence: subject.amountInPence,
      description: subject.description,
      stripePaymentIntentId: intent.id,
      stripeCustomerId: customer,
      offSessionAgreed: subject.saveCardForOffSession,
      ...(subject.saveCardForOffSession ? { mandateVersion: NO_SHOW_MANDATE.version } : {}),
    },
    now,
  );
  const note = input.charge?.offSession ? "off-session charge" : "charged by the server";
  if (declined) return (await recordFact(paymentId, { type: "failed", reason: declined }, { by: "system", note, now })).payment;
  if (intent.status === "succeeded") {
    const paymentMethod = idOf(intent.payment_method);
    const details = { stripeChargeId: idOf(intent.latest_charge), ...(subject.saveCardForOffSession && paymentMethod ? { savedPaymentMethodId: paymentMethod } : {}) };
    return (await recordFact(paymentId, { type: "succeeded" }, { by: "system", note, details, now })).payment;
  }
  return payment;
}

/** The user's Stripe customer, created once (idempotently) and remembered. */
export async function stripeCustomerFor(userId: string, now: Date): Promise<string> {
  const { data: known } = await db().entities.stripeCustomer.get({ userId }).go({ consistent: true });
  if (known) return known.stripeCustomerId;
  const customer = await (await stripe()).customers.create({ metadata: { userId } }, { idempotencyKey: `customer-${userId}` });
  try {
    await db().entities.stripeCustomer.create({ userId, stripeCustomerId: customer.id, createdAt: now.toISOString() }).go({ response: "none" });
    return customer.id;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { data: raced } = await db().entities.stripeCustomer.get({ userId }).go({ consistent: true });
    return raced?.stripeCustomerId ?? customer.id;
  }
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : value?.id);
