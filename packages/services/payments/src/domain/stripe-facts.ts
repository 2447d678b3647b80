import type Stripe from "stripe";
import type { PaymentFact } from "./status";

/**
 * What a verified Stripe event tells payments, as data: which PaymentIntent, which of our
 * payments (from the metadata we set, when the object carries it), the fact, and details
 * worth keeping (charge id, the card saved for off-session use). Other event types mean
 * nothing to us and map to undefined (the webhook answers 200 and ignores them).
 */
export const HANDLED_EVENT_TYPES = [
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "charge.refunded",
  "charge.dispute.created",
] as const;

export interface PaymentDetails {
  stripeChargeId?: string;
  /** The card saved with `setup_future_usage: "off_session"` (only set when it was). */
  savedPaymentMethodId?: string;
}

export interface StripeFact {
  paymentIntentId: string;
  /** Our payment id from the object's metadata; disputes carry none (look up by intent). */
  paymentId?: string;
  fact: PaymentFact;
  details: PaymentDetails;
}

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === "string" ? value : value?.id);

/** Signed by Stripe, but still only trusted as far as its shape: anything without an intent id is not ours. */
export function factFromStripeEvent(event: Stripe.Event): StripeFact | undefined {
  const fact = readFact(event);
  return fact && typeof fact.paymentIntentId === "string" && fact.paymentIntentId !== "" ? fact : undefined;
}

function readFact(event: Stripe.Event): StripeFact | undefined {
  switch (event.type) {
    case "payment_intent.succeeded": {
      const pi = event.data.object;
      const paymentMethod = idOf(pi.payment_method);
      return {
        paymentIntentId: pi.id,
        paymentId: pi.metadata?.["paymentId"] || undefined,
        fact: { type: "succeeded" },
        details: {
          stripeChargeId: idOf(pi.latest_charge),
          ...(pi.setup_future_usage === "off_session" && paymentMethod ? { savedPaymentMethodId: paymentMethod } : {}),
        },
      };
    }
    case "payment_intent.processing": {
      // A bank debit (Bacs, SEPA) was submitted: it settles days later as succeeded or failed.
      const pi = event.data.object;
      return { paymentIntentId: pi.id, paymentId: pi.metadata?.["paymentId"] || undefined, fact: { type: "processing" }, details: {} };
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object;
      const error = pi.last_payment_error;
      return {
        paymentIntentId: pi.id,
        paymentId: pi.metadata?.["paymentId"] || undefined,
        fact: { type: "failed", reason: error?.decline_code ?? error?.code ?? "payment_failed" },
        details: {},
      };
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const paymentIntentId = idOf(charge.payment_intent);
      if (!paymentIntentId) return undefined;
      return {
        paymentIntentId,
        paymentId: charge.metadata?.["paymentId"] || undefined,
        fact: { type: "refunded", totalRefundedInPence: charge.amount_refunded },
        details: { stripeChargeId: charge.id },
      };
    }
    case "charge.dispute.created": {
      const dispute = event.data.object;
      const paymentIntentId = idOf(dispute.payment_intent);
      if (!paymentIntentId) return undefined;
      return {
        paymentIntentId,
        fact: { type: "disputed", disputedInPence: dispute.amount },
        details: { stripeChargeId: idOf(dispute.charge) },
      };
    }
    default:
      return undefined;
  }
}
