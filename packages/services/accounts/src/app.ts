import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations } from "@mas/core/http/auth";
import { adminRoutes } from "./routes/admin";
import { adminAuditRoutes } from "./routes/admin-audit";
import { adminClientRoutes } from "./routes/admin-clients";
import { meRoutes } from "./routes/me";
import { passwordRoutes } from "./routes/password";
import { sessionRoutes } from "./routes/session";
import { resolveSession } from "./read";
import { useSessionResolver } from "@mas/core/http/auth";

/**
 * Accounts: who people are, how they sign in, and their data rights. Every route is under
 * /api/accounts; every mutation is CSRF-checked; nothing here may be cached.
 */
useSessionResolver(resolveSession);

export const app = createServiceApp("accounts")
  .use(protectMutations(), authenticate())
  .use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .route("/", sessionRoutes)
  .route("/", passwordRoutes)
  .route("/", meRoutes)
  .route("/", adminRoutes)
  .route("/", adminClientRoutes)
  .route("/", adminAuditRoutes);

export type AppType = typeof app;
