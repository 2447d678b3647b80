import { Hono } from "hono";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { exportFileName, listPayments, listQuery, paymentsCsv, paymentsSummary, refundReasonsOf, summaryQuery } from "../domain/owner-views";
import { refundByOwner } from "../domain/refunds";
import { paymentsOfUser, refundsOf } from "../domain/repository";
import { requirePayment } from "../domain/repository";
import { adminViewOf } from "../domain/views";

const paymentParams = z.object({ paymentId: z.string().min(1).max(120) });
const userParams = z.object({ userId: z.string().min(1).max(64) });
const refundHeaders = z.object({ "idempotency-key": z.string().regex(/^[\w-]{8,64}$/, "8–64 letters, digits, - or _").optional() });
const refundBody = z.strictObject({
  amountInPence: z.number().int().positive().max(99_999_999).optional(),
  reason: z.string().trim().min(3, "Say why you are refunding (at least 3 characters)").max(500, "Keep the reason under 500 characters"),
});

/** The practitioner's money views and refunds: owner only (403 for clients and students). */
export const adminRoutes = new Hono<AuthEnv>()
  .get("/admin/payments", requireRole("owner"), validate("query", listQuery), async (c) => {
    const payments = await listPayments(c.req.valid("query"), clock.now());
    return c.json({ payments: payments.map(adminViewOf) }, 200);
  })
  /** One client's payments, newest first (the back office's client record). */
  .get("/admin/users/:userId/payments", requireRole("owner"), validate("param", userParams), async (c) => {
    const payments = await paymentsOfUser(c.req.valid("param").userId);
    return c.json({ payments: payments.map(adminViewOf).sort((x, y) => y.createdAt.localeCompare(x.createdAt)) }, 200);
  })
  .get("/admin/payments/summary", requireRole("owner"), validate("query", summaryQuery), async (c) => {
    return c.json(await paymentsSummary(c.req.valid("query"), clock.now()), 200);
  })
  .get("/admin/payments/export.csv", requireRole("owner"), validate("query", listQuery), async (c) => {
    const query = c.req.valid("query");
    const payments = await listPayments(query, clock.now());
    const csv = paymentsCsv(payments, await refundReasonsOf(payments));
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="${exportFileName(query, clock.now())}"`);
    return c.body(csv, 200);
  })
  .get("/admin/payments/:paymentId", requireRole("owner"), validate("param", paymentParams), async (c) => {
    const payment = await requirePayment(c.req.valid("param").paymentId);
    return c.json({ payment: { ...adminViewOf(payment), history: payment.history }, refunds: await refundsOf(payment.paymentId) }, 200);
  })
  .post("/admin/payments/:paymentId/refunds", requireRole("owner"), validate("param", paymentParams), validate("header", refundHeaders), validate("json", refundBody), async (c) => {
    const { paymentId } = c.req.valid("param");
    const { amountInPence, reason } = c.req.valid("json");
    const requestKey = c.req.valid("header")["idempotency-key"];
    const result = await refundByOwner({ paymentId, amountInPence, reason, ownerId: c.var.auth.userId, requestKey, now: clock.now() });
    if (result.created) await auditFromContext(c, "payments.refunded", `payment:${paymentId}`, { refundId: result.refund.refundId, amountInPence: result.refund.amountInPence, reason });
    return c.json({ payment: adminViewOf(result.payment), refund: result.refund }, result.created ? 201 : 200);
  });
