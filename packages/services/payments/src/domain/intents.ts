import type Stripe from "stripe";
import { db } from "../entities";
import { conflict, notFound } from "@mas/core/errors";
import { checkoutUrl, stripe } from "@mas/core/ports/payments";
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

export async function startPayment(input: { kind: PaymentKind; subjectId: string; userId: string; now: Date; siteUrl: string }): Promise<StartedPayment> {
  const { kind, subjectId, userId, now } = input;
  const subject = await paymentSubjectResolver(kind).resolve(subjectId, now, input.siteUrl);
  if (!subject || subject.userId !== userId) throw notFound("payments.subject_not_found", "Nothing to pay for here");
  const existing = await getPayment(paymentIdFor(kind, subjectId));
  if (existing && isPaid(existing.status)) throw conflict("payments.already_paid", "This has already been paid");
  if (subject.notPayableBecause) throw conflict("payments.subject_not_payable", subject.notPayableBecause);
  const payment = existing ?? (await openPayment({ kind, subjectId, subject, now }));
  if (!payment.stripePaymentIntentId) throw conflict("payments.already_paid", "This has already been paid");
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
    // Off-session the client is absent (no redirect possible); on-session, Stripe requires a
    // return_url for payment methods that may redirect (3-D Secure, bank redirects).
    ...(input.charge
      ? { payment_method: input.charge.paymentMethodId, confirm: true, ...(input.charge.offSession ? { off_session: true } : { return_url: subject.returnUrl }) }
      : {}),
  };
  const client = await stripe();
  let intent: Stripe.PaymentIntent;
  let declined: string | undefined;
  try {
    intent = await client.paymentIntents.create(params, { idempotencyKey: `pi-${kind}-${subjectId}` });
  } catch (error) {
    if (!input.charge) throw error;
    const failure = chargeFailure(error);
    if (!failure) throw error;
    declined = failure.reason;
    // A charge the bank refused still leaves an intent the client can pay on-session; a card
    // Stripe would not even try (detached, unknown) leaves none: open one for the client.
    intent =
      failure.intent ??
      (await client.paymentIntents.create(
        { ...params, payment_method: undefined, confirm: undefined, off_session: undefined, return_url: undefined },
        { idempotencyKey: `pi-${kind}-${subjectId}-on-session` },
      ));
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

/**
 * Why a server-side charge did not happen, when the client can still pay on-session: the
 * bank refused or wants the client present (402 card error, with the intent), or Stripe
 * refused the saved card itself (400 on `payment_method`: detached, spent or unknown — no
 * intent is created then). Anything else (our bug, Stripe down) is not caught.
 */
function chargeFailure(error: unknown): { reason: string; intent?: Stripe.PaymentIntent } | undefined {
  const e = error as Stripe.errors.StripeError;
  if (e?.type === "StripeCardError" && e.payment_intent) return { reason: e.decline_code ?? e.code ?? "card_declined", intent: e.payment_intent };
  if (e?.type === "StripeInvalidRequestError" && e.param === "payment_method") return { reason: e.code === "resource_missing" ? "payment_method_missing" : "payment_method_unusable" };
  return undefined;
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
