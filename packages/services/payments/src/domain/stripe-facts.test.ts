import { describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { factFromStripeEvent } from "./stripe-facts";

const event = (type: string, object: Record<string, unknown>) => ({ id: "evt_1", type, data: { object } }) as unknown as Stripe.Event;
const metadata = { paymentId: "deposit-a1", kind: "deposit" };

describe("facts from Stripe events", () => {
  it("reads a success, with the charge and (only when saved for off-session) the card", () => {
    const saved = event("payment_intent.succeeded", { id: "pi_1", metadata, latest_charge: "ch_1", payment_method: "pm_1", setup_future_usage: "off_session" });
    expect(factFromStripeEvent(saved)).toEqual({
      paymentIntentId: "pi_1",
      paymentId: "deposit-a1",
      fact: { type: "succeeded" },
      details: { stripeChargeId: "ch_1", savedPaymentMethodId: "pm_1" },
    });
    const notSaved = event("payment_intent.succeeded", { id: "pi_1", metadata, latest_charge: { id: "ch_1" }, payment_method: "pm_1", setup_future_usage: null });
    expect(factFromStripeEvent(notSaved)?.details).toEqual({ stripeChargeId: "ch_1" });
  });

  it("reads a Direct Debit's processing (it settles days later)", () => {
    const processing = event("payment_intent.processing", { id: "pi_1", metadata, status: "processing" });
    expect(factFromStripeEvent(processing)).toEqual({ paymentIntentId: "pi_1", paymentId: "deposit-a1", fact: { type: "processing" }, details: {} });
  });

  it("reads a failure's decline code", () => {
    const failed = event("payment_intent.payment_failed", { id: "pi_1", metadata, last_payment_error: { code: "card_declined", decline_code: "insufficient_funds" } });
    expect(factFromStripeEvent(failed)?.fact).toEqual({ type: "failed", reason: "insufficient_funds" });
  });

  it("reads the cumulative refunded total of a charge", () => {
    const refunded = event("charge.refunded", { id: "ch_1", payment_intent: "pi_1", metadata, amount_refunded: 700 });
    expect(factFromStripeEvent(refunded)).toEqual({ paymentIntentId: "pi_1", paymentId: "deposit-a1", fact: { type: "refunded", totalRefundedInPence: 700 }, details: { stripeChargeId: "ch_1" } });
  });

  it("reads a dispute, which names the intent but carries no metadata of ours", () => {
    const disputed = event("charge.dispute.created", { id: "du_1", payment_intent: "pi_1", charge: "ch_1", amount: 2000, metadata: {} });
    expect(factFromStripeEvent(disputed)).toEqual({ paymentIntentId: "pi_1", fact: { type: "disputed", disputedInPence: 2000 }, details: { stripeChargeId: "ch_1" } });
  });

  it.each(["payment_intent.created", "charge.succeeded", "refund.created", "customer.created", "payment_method.attached"])("ignores %s", (type) => {
    expect(factFromStripeEvent(event(type, { id: "x", metadata }))).toBeUndefined();
  });

  it("ignores events without an intent id (whatever their type)", () => {
    expect(factFromStripeEvent(event("payment_intent.succeeded", { metadata }))).toBeUndefined();
    expect(factFromStripeEvent(event("payment_intent.payment_failed", { id: "" }))).toBeUndefined();
  });

  it("ignores a refund or dispute without an intent", () => {
    expect(factFromStripeEvent(event("charge.refunded", { id: "ch_1", payment_intent: null, amount_refunded: 1 }))).toBeUndefined();
    expect(factFromStripeEvent(event("charge.dispute.created", { id: "du_1", payment_intent: null, amount: 1 }))).toBeUndefined();
  });
});
