import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations } from "@mas/core/http/auth";
import "./subjects";
import { adminRoutes } from "./routes/admin";
import { intentRoutes } from "./routes/intents";
import { meRoutes } from "./routes/me";
import { webhookRoutes } from "./routes/webhook";

/**
 * Payments: deposits, course fees and no-show fees through Stripe. The webhook is mounted
 * before the session/CSRF middleware: Stripe authenticates with its signature, not a
 * cookie. Nothing here may be cached.
 */
export const app = createServiceApp("payments")
  .use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .route("/", webhookRoutes)
  .use(protectMutations(), authenticate())
  .route("/", intentRoutes)
  .route("/", meRoutes)
  .route("/", adminRoutes);

export type AppType = typeof app;
