import { Hono } from "hono";
import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations, type AuthEnv } from "@mas/core/http/auth";
import { adminRoutes } from "./routes/admin";
import { meRoutes } from "./routes/me";
import { unsubscribeRoutes } from "./routes/unsubscribe";
import { resolveSession } from "@mas/accounts/read";
import { useSessionResolver } from "@mas/core/http/auth";

/**
 * Messaging's HTTP side: the public one-click unsubscribe (no session, no CSRF check —
 * mail providers post it), a person's own history, and the owner's templates, history
 * and campaigns (session + CSRF like every other service).
 */
const signedIn = new Hono<AuthEnv>()
  .use("/me/*", protectMutations(), authenticate())
  .use("/admin/*", protectMutations(), authenticate())
  .use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .route("/", meRoutes)
  .route("/", adminRoutes);

useSessionResolver(resolveSession);

export const app = createServiceApp("messaging").route("/", unsubscribeRoutes).route("/", signedIn);

export type AppType = typeof app;
