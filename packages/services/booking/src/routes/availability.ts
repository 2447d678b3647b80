import { Hono } from "hono";
import * as z from "zod";
import { clock } from "@mas/core/shared/clock";
import { serviceBySlug } from "../domain/catalogue";
import { loadSettings } from "../domain/settings-store";
import { listAvailability } from "../domain/slot-check";
import type { AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { dateRange } from "../actor";

const availabilityQuery = z.intersection(z.object({ service: z.string().min(1).max(80) }), dateRange);

/** Public: bookable starts for a treatment between two dates, in Europe/London with offsets. */
export const availabilityRoutes = new Hono<AuthEnv>().get("/availability", validate("query", availabilityQuery), async (c) => {
  const { service: slug, from, to } = c.req.valid("query");
  const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(slug)]);
  const slots = await listAvailability({ settings, service, from, to, now: clock.now() });
  c.header("Cache-Control", "no-store");
  return c.json({ service: { slug: service.slug, name: service.name, durationMinutes: service.durationMinutes }, slots }, 200);
});
