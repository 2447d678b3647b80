import { Hono } from "hono";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { BusinessProfile, loadBusinessProfile, saveBusinessProfile } from "../domain/business-profile";

/**
 * The clinic's public identity (name, address, phone, email, practitioner): anyone reads it
 * (the site's header, footer and contact lines); the owner edits it.
 */
export const businessRoutes = new Hono<AuthEnv>()
  .get("/business", async (c) => c.json({ business: await loadBusinessProfile() }, 200))
  .get("/admin/business", requireRole("owner"), async (c) => c.json({ business: await loadBusinessProfile() }, 200))
  .put("/admin/business", requireRole("owner"), validate("json", BusinessProfile), async (c) => {
    const business = await saveBusinessProfile(c.req.valid("json"), c.var.auth.userId, clock.now());
    await auditFromContext(c, "booking.business_profile_changed", "business:profile");
    return c.json({ business }, 200);
  });
