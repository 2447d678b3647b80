import type Stripe from "stripe";
import { audit } from "@mas/core/audit/audit";
import { db } from "../entities";
import { badRequest } from "@mas/core/errors";
import { stripe, webhookSecret } from "@mas/core/ports/payments";
import { findPaymentByIntent, getPayment, isConditionFailure, recordFact } from "./repository";
import { factFromStripeEvent } from "./stripe-facts";

/**
 * Stripe webhooks: verify, dedupe, apply.
 *
 * The signature is checked over the raw body with a 300 s tolerance (a replay of an old
 * delivery, or any altered byte, is refused with 400 and changes nothing). Each event id is
 * recorded with a conditional put; an event already processed is a duplicate and does
 * nothing. The fact it carries goes through `recordFact`, which is idempotent and
 * order-independent, so redeliveries and reordering are harmless.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const EVENT_RETENTION_SECONDS = 90 * 24 * 3600;

export async function verifyStripeEvent(rawBody: string, signature: string | undefined): Promise<Stripe.Event> {
  if (!signature) throw badRequest("payments.invalid_signature", "Missing Stripe-Signature header");
  const client = await stripe();
  try {
    return client.webhooks.constructEvent(rawBody, signature, await webhookSecret(), SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    throw badRequest("payments.invalid_signature", "Webhook signature verification failed");
  }
}

export type WebhookOutcome = "duplicate" | "ignored" | "unknown_payment" | "applied" | "no_change";

export async function receiveStripeEvent(event: Stripe.Event, now: Date): Promise<WebhookOutcome> {
  if ((await claimEvent(event, now)) === "processed") return "duplicate";
  const { outcome, paymentId } = await applyEvent(event, now);
  await db()
    .entities.stripeEvent.patch({ eventId: event.id })
    .set({ status: "processed", outcome, processedAt: now.toISOString(), ...(paymentId ? { paymentId } : {}) })
    .go({ response: "none" });
  return outcome;
}

/** Records the event id; answers whether an earlier delivery already finished with it. */
async function claimEvent(event: Stripe.Event, now: Date): Promise<"new" | "processing" | "processed"> {
  try {
    await db()
      .entities.stripeEvent.create({
        eventId: event.id,
        type: event.type,
        status: "processing",
        receivedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + EVENT_RETENTION_SECONDS,
      })
      .go({ response: "none" });
    return "new";
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { data } = await db().entities.stripeEvent.get({ eventId: event.id }).go({ consistent: true });
    return data?.status ?? "processing";
  }
}

async function applyEvent(event: Stripe.Event, now: Date): Promise<{ outcome: WebhookOutcome; paymentId?: string }> {
  const mapped = factFromStripeEvent(event);
  if (!mapped) return { outcome: "ignored" };
  const payment = mapped.paymentId ? await getPayment(mapped.paymentId) : await findPaymentByIntent(mapped.paymentIntentId);
  // Not one of ours (another integration on the account), or not for this intent: ignore.
  if (!payment || payment.stripePaymentIntentId !== mapped.paymentIntentId) return { outcome: "unknown_payment" };
  const { changed } = await recordFact(payment.paymentId, mapped.fact, { by: event.id, note: event.type, details: mapped.details, now });
  if (changed && mapped.fact.type === "disputed") {
    await audit({
      actor: "system",
      action: "payments.dispute_opened",
      subject: `payment:${payment.paymentId}`,
      detail: { stripeEventId: event.id, disputedInPence: mapped.fact.disputedInPence },
      at: now,
    });
  }
  return { outcome: changed ? "applied" : "no_change", paymentId: payment.paymentId };
}
