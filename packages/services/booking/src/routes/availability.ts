import { Hono } from "hono";
import * as z from "zod";
import { clock } from "@mas/core/shared/clock";
import { toIsoWithOffset } from "@mas/core/shared/time";
import { serviceBySlug } from "../domain/catalogue";
import { prerequisiteFilter } from "../domain/client-eligibility";
import { cancellationNotice, cancellationTermsFor } from "../domain/policy";
import { depositFor } from "../domain/settings";
import { loadSettings } from "../domain/settings-store";
import { listAvailability } from "../domain/slot-check";
import type { AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { dateRange } from "../actor";

const serviceSlug = z.string().min(1).max(80);
const availabilityQuery = z.intersection(z.object({ service: serviceSlug }), dateRange);
const termsQuery = z.object({ service: serviceSlug, start: z.iso.datetime({ offset: true, error: "Use an ISO date-time with its offset, e.g. 2026-06-12T10:00:00+01:00" }) });

/**
 * Public: bookable starts for a treatment between two dates, in Europe/London with offsets.
 * For a treatment with a patch test or consultation first, only the starts the visitor
 * could still qualify for (signed in: with what they did or booked; signed out: as a new client).
 */
export const availabilityRoutes = new Hono<AuthEnv>()
  .get("/availability", validate("query", availabilityQuery), async (c) => {
    const { service: slug, from, to } = c.req.valid("query");
    const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(slug)]);
    const now = clock.now();
    const eligibleAt = await prerequisiteFilter({ clientId: c.var.auth?.userId, service, settings, now });
    const slots = await listAvailability({ settings, service, from, to, now, eligibleAt });
    c.header("Cache-Control", "no-store");
    return c.json({ service: { slug: service.slug, name: service.name, durationMinutes: service.durationMinutes }, slots }, 200);
  })
  /** What cancelling would cost if `start` were booked now: shown on the confirm step. */
  .get("/booking-terms", validate("query", termsQuery), async (c) => {
    const { service: slug, start } = c.req.valid("query");
    const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(slug)]);
    const terms = cancellationTermsFor(settings, depositFor(service));
    const notice = cancellationNotice({ terms, start: new Date(start), priceInPence: service.priceInPence, now: clock.now() });
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        terms,
        insideWindow: notice.insideWindow,
        graceEndsAt: toIsoWithOffset(notice.graceEndsAt, settings.timeZone),
        lateFeeFrom: toIsoWithOffset(notice.lateFeeFrom, settings.timeZone),
        lateFeeInPence: notice.lateFeeInPence,
      },
      200,
    );
  });
