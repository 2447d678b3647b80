import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations } from "@mas/core/http/auth";
import "./subjects";
import { adminRoutes } from "./routes/admin";
import { adminDeskRoutes } from "./routes/admin-desk";
import { intentRoutes } from "./routes/intents";
import { meRoutes } from "./routes/me";
import { webhookRoutes } from "./routes/webhook";
import { resolveSession } from "@mas/accounts/read";
import { useSessionResolver } from "@mas/core/http/auth";

/**
 * Payments: deposits, course fees and no-show fees through Stripe (logic in
 * @mas/core/payments). Under /api/payments:
 *
 *   POST /webhook                          Stripe (signature, not a session)
 *   POST /intents                          client/student: `{ kind, subjectId }` → client secret
 *   GET  /me/payments[/:paymentId]         signed in: own receipts
 *   GET  /admin/payments                   owner: list (`from`, `to`, `kind`, `status`)
 *   GET  /admin/payments/summary           owner: totals by month × kind (`year`)
 *   GET  /admin/payments/export.csv        owner: the list as CSV
 *   GET  /admin/payments/takings           owner: a day's takings by method and kind (`date`)
 *   POST /admin/payments/desk-intents      owner: card payment at the desk `{ kind, subjectId }` → client secret
 *   POST /admin/payments/in-person         owner: `{ kind, subjectId, method: cash|terminal }`
 *   GET  /admin/payments/:paymentId        owner: one payment, its history and refunds
 *   POST /admin/payments/:paymentId/refunds owner: `{ amountInPence? }` (Idempotency-Key)
 *
 * The webhook is mounted before the session/CSRF middleware. Nothing here may be cached.
 * Events: publishes payment.succeeded/failed/refunded/disputed; consumes
 * appointment.cancelled, appointment.deposit_orphaned and appointment.no_show (events.ts).
 */
useSessionResolver(resolveSession);

export const app = createServiceApp("payments", { unlimited: (path) => path === "/api/payments/webhook" })
  .use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .route("/", webhookRoutes)
  .use(protectMutations(), authenticate())
  .route("/", intentRoutes)
  .route("/", meRoutes)
  .route("/", adminDeskRoutes)
  .route("/", adminRoutes);

export type AppType = typeof app;
