import { Hono } from "hono";
import { clock } from "@mas/core/shared/clock";
import { receiveStripeEvent, verifyStripeEvent } from "../domain/webhooks";

/**
 * Stripe's webhook. The signature covers the exact bytes sent, so the body is read raw
 * (`c.req.text()`) and parsed only by `constructEvent`. 400 for a bad, stale or altered
 * signature; 200 for everything verified, including duplicates and types we ignore (any
 * other answer makes Stripe retry for days).
 */
export const webhookRoutes = new Hono().post("/webhook", async (c) => {
  const event = await verifyStripeEvent(await c.req.text(), c.req.header("stripe-signature"));
  const outcome = await receiveStripeEvent(event, clock.now());
  return c.json({ received: true, outcome }, 200);
});
