/**
 * The Stripe contract suite: the Stripe calls the product makes (customers, PaymentIntents
 * created / confirmed / cancelled for each outcome, off-session charges of saved cards,
 * refunds, idempotency, events and webhook signing), written once and run against
 *
 * - the local fake Stripe (always) — this suite is the fake's specification;
 * - Stripe itself in test mode, when `STRIPE_TEST_SECRET_KEY` (an `sk_test_...` key) is set:
 *     STRIPE_TEST_SECRET_KEY=sk_test_... npx vitest run --project integration packages/local/src/stripe/contract.test.ts
 *   (skipped otherwise, with one line saying so). Test mode only: a live key is refused.
 *
 * Only behaviour both must share is asserted here. Webhook *delivery* needs a public URL
 * that Stripe can reach, so that one test runs against the fake only; the events
 * themselves are checked on both through the Events API. Stripe does not promise webhook
 * order, so the suite asserts which events happen, not their order (the product must not
 * depend on it either); the fake's in-order delivery is asserted in fake-stripe.test.ts.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripe, startFakeStripe } from "./fake-stripe";

interface Target {
  stripe: Stripe;
  /** How long eventual changes (events, bank debits settling) may take. */
  eventualMs: number;
  fake?: FakeStripe;
  received?: { body: string; signature: string }[];
}

const RETURN_URL = "https://example.com/return";

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

/** The events (via the Events API) whose object is `objectId`. */
async function eventTypesFor(stripe: Stripe, objectId: string): Promise<string[]> {
  const page = await stripe.events.list({ limit: 100 });
  return page.data.filter((e) => (e.data.object as { id?: string }).id === objectId).map((e) => e.type);
}

async function eventuallyEvents(target: Target, objectId: string, wanted: string[]): Promise<string[]> {
  return eventually(() => eventTypesFor(target.stripe, objectId), (types) => wanted.every((t) => types.includes(t)), target.eventualMs);
}

function contract(getTarget: () => Target): void {
  let stripe: Stripe;
  let target: Target;
  beforeAll(() => {
    target = getTarget();
    stripe = target.stripe;
  });

  const newCustomer = (label: string) =>
    stripe.customers.create({ email: `contract-${label}@example.com`, metadata: { userId: `u_${randomUUID()}` } }, { idempotencyKey: `customer-${randomUUID()}` });

  describe("customers", () => {
    it("creates a customer once per idempotency key and records customer.created", async () => {
      const key = `customer-${randomUUID()}`;
      const first = await stripe.customers.create({ metadata: { userId: "u_contract" } }, { idempotencyKey: key });
      const again = await stripe.customers.create({ metadata: { userId: "u_contract" } }, { idempotencyKey: key });
      expect(again.id).toBe(first.id);
      expect(first).toMatchObject({ object: "customer", metadata: { userId: "u_contract" } });
      expect(await eventuallyEvents(target, first.id, ["customer.created"])).toContain("customer.created");
      const other = await stripeError(stripe.customers.create({ metadata: { userId: "someone else" } }, { idempotencyKey: key }));
      expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    });
  });

  describe("PaymentIntents: creation", () => {
    it("defaults to automatic payment methods and starts in requires_payment_method", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "GBP", description: "Deposit", metadata: { paymentId: "p_contract" } });
      expect(pi).toMatchObject({ object: "payment_intent", amount: 5000, currency: "gbp", status: "requires_payment_method", metadata: { paymentId: "p_contract" } });
      expect(pi.automatic_payment_methods?.enabled).toBe(true);
      expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    });

    it("rejects an unknown currency and amounts below Stripe's minimum", async () => {
      const currency = await stripeError(stripe.paymentIntents.create({ amount: 5000, currency: "xxx" }));
      expect(currency).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param: "currency" });
      const small = await stripeError(stripe.paymentIntents.create({ amount: 10, currency: "gbp" }));
      expect(small).toMatchObject({ type: "StripeInvalidRequestError", code: "amount_too_small" });
    });

    it("refuses an on-session confirm without return_url when redirects are allowed, and accepts it when they are not", async () => {
      const error = await stripeError(stripe.paymentIntents.create({ amount: 1000, currency: "gbp", payment_method: "pm_card_visa", confirm: true }));
      expect(error).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400 });
      expect(error.message).toMatch(/return_url/);
      const noRedirects = await stripe.paymentIntents.create({
        amount: 1000,
        currency: "gbp",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      });
      expect(noRedirects.status).toBe("succeeded");
    });
  });

  describe("PaymentIntents: confirmation outcomes", () => {
    it("pm_card_visa succeeds with a charge (payment_intent.succeeded, charge.succeeded)", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "gbp", payment_method: "pm_card_visa", confirm: true, return_url: RETURN_URL });
      expect(pi.status).toBe("succeeded");
      expect(pi.amount_received).toBe(1500);
      const charge = await stripe.charges.retrieve(pi.latest_charge as string);
      expect(charge).toMatchObject({ status: "succeeded", paid: true, payment_intent: pi.id, amount: 1500 });
      expect(await eventuallyEvents(target, pi.id, ["payment_intent.created", "payment_intent.succeeded"])).toEqual(
        expect.arrayContaining(["payment_intent.created", "payment_intent.succeeded"]),
      );
      expect(await eventuallyEvents(target, charge.id, ["charge.succeeded"])).toContain("charge.succeeded");
    });

    it.each([
      ["pm_card_chargeDeclined", "generic_decline"],
      ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
    ])("%s is declined with a 402 card error; the intent stays payable (payment_intent.payment_failed)", async (token, declineCode) => {
      const error = await stripeError(stripe.paymentIntents.create({ amount: 1500, currency: "gbp", payment_method: token, confirm: true, return_url: RETURN_URL }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: declineCode });
      const pi = error.payment_intent as Stripe.PaymentIntent;
      expect(pi.status).toBe("requires_payment_method");
      expect(pi.last_payment_error).toMatchObject({ code: "card_declined", decline_code: declineCode });
      expect(await eventuallyEvents(target, pi.id, ["payment_intent.payment_failed"])).toContain("payment_intent.payment_failed");
    });

    it("pm_card_authenticationRequired on-session waits in requires_action with a redirect", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "gbp", payment_method: "pm_card_authenticationRequired", confirm: true, return_url: RETURN_URL });
      expect(pi.status).toBe("requires_action");
      expect(pi.next_action?.type).toBe("redirect_to_url");
      expect(pi.next_action?.redirect_to_url?.url).toMatch(/^https?:\/\//);
    });

    it("cancels an unpaid intent, and refuses to cancel a paid one", async () => {
      const open = await stripe.paymentIntents.create({ amount: 1500, currency: "gbp" });
      const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: "abandoned" });
      expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
      expect(await eventuallyEvents(target, open.id, ["payment_intent.canceled"])).toContain("payment_intent.canceled");
      const paid = await stripe.paymentIntents.create({ amount: 1500, currency: "gbp", payment_method: "pm_card_visa", confirm: true, return_url: RETURN_URL });
      const error = await stripeError(stripe.paymentIntents.cancel(paid.id));
      expect(error).toMatchObject({ type: "StripeInvalidRequestError", code: "payment_intent_unexpected_state" });
    });
  });

  describe("off-session charges of a saved card (the no-show fee)", () => {
    async function savedCard(label: string, token = "pm_card_visa"): Promise<{ customer: string; paymentMethod: string }> {
      const customer = await newCustomer(label);
      const deposit = await stripe.paymentIntents.create({
        amount: 5000,
        currency: "gbp",
        customer: customer.id,
        setup_future_usage: "off_session",
        payment_method: token,
        confirm: true,
        return_url: RETURN_URL,
      });
      expect(deposit.status).toBe("succeeded");
      const paymentMethod = typeof deposit.payment_method === "string" ? deposit.payment_method : (deposit.payment_method?.id as string);
      const listed = await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
      expect(listed.data.map((m) => m.id)).toContain(paymentMethod);
      return { customer: customer.id, paymentMethod };
    }

    it("charges the saved card without a return_url", async () => {
      const { customer, paymentMethod } = await savedCard("fee");
      const fee = await stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer, payment_method: paymentMethod, confirm: true, off_session: true });
      expect(fee.status).toBe("succeeded");
    });

    it("a detached card is a 400 invalid request (not a card error) and creates no intent", async () => {
      const { customer, paymentMethod } = await savedCard("detached");
      await stripe.paymentMethods.detach(paymentMethod);
      const error = await stripeError(
        stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer, payment_method: paymentMethod, confirm: true, off_session: true }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
      expect((await stripe.paymentIntents.list({ customer, limit: 10 })).data).toHaveLength(1); // the deposit only
    });

    it("an unknown payment method is a 400 resource_missing", async () => {
      const customer = await newCustomer("unknown");
      const error = await stripeError(
        stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: "pm_doesnotexist123", confirm: true, off_session: true }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, code: "resource_missing", param: "payment_method" });
    });

    it("a card that always needs 3-D Secure is a 402 authentication_required carrying the intent", async () => {
      const customer = await newCustomer("3ds");
      const error = await stripeError(
        stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: "pm_card_authenticationRequired", confirm: true, off_session: true }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, code: "authentication_required" });
      const pi = error.payment_intent as Stripe.PaymentIntent;
      expect(pi.status).toBe("requires_payment_method");
      expect(pi.last_payment_error?.code).toBe("authentication_required");
    });
  });

  describe("refunds", () => {
    it("refunds part, then the rest; an over-refund is a 400; charge.refunded is recorded", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 3000, currency: "gbp", payment_method: "pm_card_visa", confirm: true, return_url: RETURN_URL });
      const part = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000, reason: "requested_by_customer" }, { idempotencyKey: `refund-${randomUUID()}` });
      expect(part).toMatchObject({ object: "refund", amount: 1000, status: "succeeded", payment_intent: pi.id });
      const over = await stripeError(stripe.refunds.create({ payment_intent: pi.id, amount: 2500 }));
      expect(over).toMatchObject({ type: "StripeInvalidRequestError", code: "amount_too_large" });
      const rest = await stripe.refunds.create({ payment_intent: pi.id });
      expect(rest.amount).toBe(2000);
      const charge = await stripe.charges.retrieve(pi.latest_charge as string);
      expect(charge).toMatchObject({ amount_refunded: 3000, refunded: true });
      expect(await eventuallyEvents(target, charge.id, ["charge.refunded"])).toContain("charge.refunded");
      const again = await stripeError(stripe.refunds.create({ payment_intent: pi.id }));
      expect(again).toMatchObject({ type: "StripeInvalidRequestError", code: "charge_already_refunded" });
    });
  });

  describe("idempotency", () => {
    it("replays the first result for the same key and parameters; other parameters are an idempotency error", async () => {
      const key = `pi-contract-${randomUUID()}`;
      const first = await stripe.paymentIntents.create({ amount: 4000, currency: "gbp" }, { idempotencyKey: key });
      const replay = await stripe.paymentIntents.create({ amount: 4000, currency: "gbp" }, { idempotencyKey: key });
      expect(replay.id).toBe(first.id);
      const error = await stripeError(stripe.paymentIntents.create({ amount: 4100, currency: "gbp" }, { idempotencyKey: key }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    });

    it("replays a declined card's 402 too (the endpoint ran)", async () => {
      const key = `pi-declined-${randomUUID()}`;
      const params = { amount: 4000, currency: "gbp", payment_method: "pm_card_chargeDeclined", confirm: true, return_url: RETURN_URL };
      const first = await stripeError(stripe.paymentIntents.create(params, { idempotencyKey: key }));
      const again = await stripeError(stripe.paymentIntents.create(params, { idempotencyKey: key }));
      expect((again.payment_intent as Stripe.PaymentIntent).id).toBe((first.payment_intent as Stripe.PaymentIntent).id);
    });
  });

  describe("delayed notification (SEPA Direct Debit test IBANs)", () => {
    const sepa = (iban: string) =>
      stripe.paymentIntents.create({
        amount: 2000,
        currency: "eur",
        allowed_payment_method_types: ["sepa_debit"],
        confirm: true,
        payment_method_data: { type: "sepa_debit", sepa_debit: { iban }, billing_details: { name: "Contract Test", email: "contract@example.com" } },
        mandate_data: { customer_acceptance: { type: "offline" } },
      });

    it("passes through processing, then succeeds (payment_intent.processing, payment_intent.succeeded)", async () => {
      const pi = await sepa("AT611904300234573201");
      expect(pi.status).toBe("processing");
      const settled = await eventually(() => stripe.paymentIntents.retrieve(pi.id), (p) => p.status !== "processing", target.eventualMs);
      expect(settled.status).toBe("succeeded");
      expect(await eventuallyEvents(target, pi.id, ["payment_intent.processing", "payment_intent.succeeded"])).toEqual(
        expect.arrayContaining(["payment_intent.processing", "payment_intent.succeeded"]),
      );
    });

    it("passes through processing, then fails back to requires_payment_method (payment_intent.payment_failed)", async () => {
      const pi = await sepa("AT861904300235473202");
      expect(pi.status).toBe("processing");
      const settled = await eventually(() => stripe.paymentIntents.retrieve(pi.id), (p) => p.status !== "processing", target.eventualMs);
      expect(settled.status).toBe("requires_payment_method");
      expect(settled.last_payment_error).not.toBeNull();
      expect(await eventuallyEvents(target, pi.id, ["payment_intent.payment_failed"])).toContain("payment_intent.payment_failed");
    });
  });

  describe("disputes", () => {
    it("pm_card_createDispute succeeds, then the charge is disputed (charge.dispute.created) and cannot be refunded", async () => {
      const pi = await stripe.paymentIntents.create({ amount: 2200, currency: "gbp", payment_method: "pm_card_createDispute", confirm: true, return_url: RETURN_URL });
      expect(pi.status).toBe("succeeded");
      const disputes = await eventually(() => stripe.disputes.list({ payment_intent: pi.id }), (page) => page.data.length > 0, target.eventualMs);
      const dispute = disputes.data[0] as Stripe.Dispute;
      expect(dispute).toMatchObject({ object: "dispute", amount: 2200, charge: pi.latest_charge });
      expect(await eventuallyEvents(target, dispute.id, ["charge.dispute.created"])).toContain("charge.dispute.created");
      expect((await stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
    });
  });

  describe("webhooks (fake only: Stripe cannot reach this machine)", () => {
    it("delivers each event signed; constructEvent accepts it and rejects a tampered body", async ({ skip }) => {
      if (!target.fake || !target.received) return skip();
      const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "gbp", payment_method: "pm_card_visa", confirm: true, return_url: RETURN_URL });
      await target.fake.flushWebhooks();
      const mine = target.received
        .map((r) => ({ raw: r, event: stripe.webhooks.constructEvent(r.body, r.signature, target.fake!.webhookSecret) }))
        .filter(({ event }) => (event.data.object as { id?: string }).id === pi.id);
      expect(mine.map(({ event }) => event.type)).toEqual(["payment_intent.created", "payment_intent.succeeded"]);
      const first = mine[0]!.raw;
      expect(() => stripe.webhooks.constructEvent(first.body.replace('"amount": 1500', '"amount": 1'), first.signature, target.fake!.webhookSecret)).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
    });
  });
}

// --- the fake (always) --------------------------------------------------------------------

describe("Stripe contract — local fake", () => {
  let fake: FakeStripe;
  let receiver: Server;
  const received: { body: string; signature: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["stripe-signature"]) });
        res.writeHead(200).end("{}");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
    fake = await startFakeStripe({ webhookUrl: url, processingSettlesAfterMs: 150 });
  });

  afterAll(async () => {
    await fake.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  contract(() => ({ stripe: fake.client(), eventualMs: 5_000, fake, received }));
});

// --- Stripe test mode (when STRIPE_TEST_SECRET_KEY is set) ---------------------------------

const realKey = process.env.STRIPE_TEST_SECRET_KEY;
if (!realKey) console.info("[contract] Stripe test mode not run: set STRIPE_TEST_SECRET_KEY=sk_test_... to run this suite against real Stripe");
if (realKey && !realKey.startsWith("sk_test_")) throw new Error("STRIPE_TEST_SECRET_KEY must be a test-mode key (sk_test_...)");

describe.skipIf(!realKey)("Stripe contract — Stripe test mode", { timeout: 240_000 }, () => {
  contract(() => ({ stripe: new Stripe(realKey as string, { telemetry: false, maxNetworkRetries: 2 }), eventualMs: 180_000 }));
});
