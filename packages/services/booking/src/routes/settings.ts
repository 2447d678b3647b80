import { Hono } from "hono";
import { clock } from "@mas/core/shared/clock";
import { BusinessSettings } from "../domain/settings";
import { loadSettings, publicHours, saveSettings } from "../domain/settings-store";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { localDateOf } from "@mas/core/shared/time";

/** Opening hours and booking rules: the public footer's hours, the owner's settings. */
export const settingsRoutes = new Hono<AuthEnv>()
  .get("/settings/public", async (c) => {
    const settings = await loadSettings();
    return c.json(publicHours(settings, localDateOf(clock.now(), settings.timeZone)), 200);
  })
  .get("/admin/settings", requireRole("owner"), async (c) => c.json({ settings: await loadSettings() }, 200))
  .put("/admin/settings", requireRole("owner"), validate("json", BusinessSettings), async (c) => {
    return c.json({ settings: await saveSettings(c.req.valid("json"), c.var.auth.userId, clock.now()) }, 200);
  });
