import { config } from "@mas/core/config";
import { Hono } from "hono";
import * as z from "zod";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { rateLimit, ROUTE_CLASSES } from "@mas/core/http/rate-limit";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { startPayment } from "../domain/intents";
import { PAYMENT_KINDS } from "../domain/status";

/**
 * Start paying for something. The body names the subject and nothing else — the amount,
 * currency and payer come from the server — and any other key is refused (400), so a
 * tampered request cannot change what is charged.
 */
export const startPaymentBody = z.strictObject({
  kind: z.enum(PAYMENT_KINDS),
  subjectId: z.string().trim().min(1).max(64),
});

export const intentRoutes = new Hono<AuthEnv>().post("/intents", requireRole("client", "student"), validate("json", startPaymentBody), rateLimit(ROUTE_CLASSES.paymentIntent), async (c) => {
  const { kind, subjectId } = c.req.valid("json");
  const started = await startPayment({ kind, subjectId, userId: c.var.auth.userId, now: clock.now(), siteUrl: config.siteUrl() });
  return c.json(started, 200);
});
