import { Hono } from "hono";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { OwnerAlertSettings, loadOwnerAlerts, saveOwnerAlerts } from "../domain/owner-alerts";

/** The owner's alerts (new booking, cancellation, booking to review: off, email or text). Owner only. */
export const ownerAlertRoutes = new Hono<AuthEnv>()
  .get("/admin/owner-alerts", requireRole("owner"), async (c) => c.json({ alerts: await loadOwnerAlerts() }, 200))
  .put("/admin/owner-alerts", requireRole("owner"), validate("json", OwnerAlertSettings), async (c) => {
    const alerts = await saveOwnerAlerts(c.req.valid("json"), c.var.auth.userId, clock.now());
    await auditFromContext(c, "booking.owner_alerts_changed", "business:owner-alerts");
    return c.json({ alerts }, 200);
  });
