import { Hono } from "hono";
import * as z from "zod";
import { notFound } from "@mas/core/errors";
import { requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { getPayment, paymentsOfUser } from "../domain/repository";
import { receiptOf } from "../domain/views";

const paymentParams = z.object({ paymentId: z.string().min(1).max(120) });

/** A signed-in person's own payments (receipts). Someone else's payment is a 404, like a missing one. */
export const meRoutes = new Hono<AuthEnv>()
  .get("/me/payments", requireAuth(), async (c) => {
    const payments = await paymentsOfUser(c.var.auth.userId);
    return c.json({ payments: payments.reverse().map(receiptOf) }, 200);
  })
  .get("/me/payments/:paymentId", requireAuth(), validate("param", paymentParams), async (c) => {
    const payment = await getPayment(c.req.valid("param").paymentId);
    if (!payment || payment.userId !== c.var.auth.userId) throw notFound("payments.payment_not_found", "No such payment");
    return c.json({ payment: receiptOf(payment) }, 200);
  });
