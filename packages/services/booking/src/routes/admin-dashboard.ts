import { Hono } from "hono";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { clock } from "@mas/core/shared/clock";
import { ownerDashboard } from "../domain/dashboard";

/** The owner dashboard's clinic figures: today's and tomorrow's list with safety flags, actions, trend and rates. */
export const adminDashboardRoutes = new Hono<AuthEnv>().get("/admin/dashboard", requireRole("owner"), async (c) => {
  return c.json(await ownerDashboard(clock.now()), 200);
});
