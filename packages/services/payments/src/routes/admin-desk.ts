import { Hono } from "hono";
import * as z from "zod";
import { config } from "@mas/core/config";
import { auditFromContext } from "@mas/core/audit/audit";
import { notFound } from "@mas/core/errors";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { dayTakings, InPersonPayment, recordInPersonPayment, takingsQuery } from "../domain/in-person";
import { startPayment } from "../domain/intents";
import { paymentSubjectResolver } from "../domain/subjects";
import { adminViewOf } from "../domain/views";

const deskIntent = z.strictObject({ kind: z.enum(["deposit", "balance"]), subjectId: z.string().trim().min(1).max(64) });

/**
 * The front desk's money (owner only): a card payment started for the client in the
 * room (the site mounts the Payment Element with its client secret), money taken in
 * person, and the day's takings. Mounted before admin.ts's `/admin/payments/:paymentId`.
 */
export const adminDeskRoutes = new Hono<AuthEnv>()
  .get("/admin/payments/takings", requireRole("owner"), validate("query", takingsQuery), async (c) => {
    return c.json(await dayTakings(c.req.valid("query").date, clock.now()), 200);
  })
  .post("/admin/payments/desk-intents", requireRole("owner"), validate("json", deskIntent), async (c) => {
    const { kind, subjectId } = c.req.valid("json");
    const now = clock.now();
    const subject = await paymentSubjectResolver(kind).resolve(subjectId, now, config.siteUrl());
    if (!subject) throw notFound("payments.subject_not_found", "Nothing to pay for here");
    return c.json(await startPayment({ kind, subjectId, userId: subject.userId, now, siteUrl: config.siteUrl() }), 200);
  })
  .post("/admin/payments/in-person", requireRole("owner"), validate("json", InPersonPayment), async (c) => {
    const input = c.req.valid("json");
    const payment = await recordInPersonPayment({ ...input, ownerId: c.var.auth.userId, now: clock.now(), siteUrl: config.siteUrl() });
    await auditFromContext(c, "payments.taken_in_person", `payment:${payment.paymentId}`, { method: input.method, amountInPence: payment.amountInPence });
    return c.json({ payment: adminViewOf(payment) }, 201);
  });
