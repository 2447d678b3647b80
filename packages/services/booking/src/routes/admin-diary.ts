import { Hono } from "hono";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { eachLocalDate, toIsoWithOffset } from "@mas/core/shared/time";
import { dateRange, idParam } from "../actor";
import {
  BlockInput,
  blockTime,
  bookForClient,
  cancelForClient,
  ClinicBooking,
  ClinicCancellation,
  ClinicMove,
  markArrived,
  moveForClient,
  ownerAvailability,
  unblockTime,
  waiveDeposit,
} from "../domain/admin-diary";
import { openingHoursOn } from "../domain/availability";
import { ownerCalendar } from "../domain/calendar";
import { loadSettings } from "../domain/settings-store";

const availabilityQuery = z.intersection(z.object({ service: z.string().min(1).max(80) }), dateRange);
const waiver = z.object({ reason: z.string().trim().min(5, "Say why, in a few words").max(500) });
const blockParam = z.object({ blockId: z.string().min(1).max(40) });

/**
 * The owner's diary at the front desk: the days with their opening hours and blocks,
 * booking for a client, the deposit waived, arrivals, moves and cancellations for the
 * client (their rules, or an audited override) and blocked time. Mounted before
 * diary.ts's `/admin/appointments/:id/:action`.
 */
export const adminDiaryRoutes = new Hono<AuthEnv>()
  .get("/admin/diary", requireRole("owner"), validate("query", dateRange), async (c) => {
    const { from, to } = c.req.valid("query");
    const [calendar, settings] = await Promise.all([ownerCalendar(from, to), loadSettings()]);
    const days = eachLocalDate(from, to).map((date) => ({
      date,
      open: openingHoursOn(settings, date).map((r) => ({ start: toIsoWithOffset(r.start, settings.timeZone), end: toIsoWithOffset(r.end, settings.timeZone) })),
      blocks: settings.blockedTimes.filter((b) => b.date === date),
    }));
    return c.json({ ...calendar, days }, 200);
  })
  .get("/admin/availability", requireRole("owner"), validate("query", availabilityQuery), async (c) => {
    const { service, from, to } = c.req.valid("query");
    return c.json(await ownerAvailability({ service, from, to, now: clock.now() }), 200);
  })
  .post("/admin/appointments", requireRole("owner"), validate("json", ClinicBooking), async (c) => {
    const booking = c.req.valid("json");
    const appointment = await bookForClient(booking, c.var.auth.userId, clock.now());
    if (booking.deposit === "waive") await auditFromContext(c, "booking.deposit_waived", appointment.appointmentId, { reason: booking.waiveReason ?? "" });
    return c.json({ appointment }, 201);
  })
  .post("/admin/appointments/:id/waive-deposit", requireRole("owner"), validate("param", idParam), validate("json", waiver), async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const appointment = await waiveDeposit(id, reason, c.var.auth.userId, clock.now());
    await auditFromContext(c, "booking.deposit_waived", id, { reason });
    return c.json({ appointment }, 200);
  })
  .post("/admin/appointments/:id/arrived", requireRole("owner"), validate("param", idParam), async (c) => {
    return c.json({ appointment: await markArrived(c.req.valid("param").id, c.var.auth.userId, clock.now()) }, 200);
  })
  .post("/admin/appointments/:id/cancel", requireRole("owner"), validate("param", idParam), validate("json", ClinicCancellation), async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const { appointment, outcome } = await cancelForClient(id, input, c.var.auth.userId, clock.now());
    await auditFromContext(c, input.rules === "override" ? "booking.cancelled_by_override" : "booking.cancelled_for_client", id, { reason: input.reason ?? "", feeInPence: outcome.feeInPence });
    return c.json({ appointment, cancellation: outcome }, 200);
  })
  .post("/admin/appointments/:id/move", requireRole("owner"), validate("param", idParam), validate("json", ClinicMove), async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const appointment = await moveForClient(id, input, c.var.auth.userId, clock.now());
    await auditFromContext(c, input.rules === "override" ? "booking.moved_by_override" : "booking.moved_for_client", id, { to: input.start, reason: input.reason ?? "" });
    return c.json({ appointment }, 200);
  })
  .post("/admin/blocks", requireRole("owner"), validate("json", BlockInput), async (c) => {
    return c.json({ block: await blockTime(c.req.valid("json"), c.var.auth.userId, clock.now()) }, 201);
  })
  .delete("/admin/blocks/:blockId", requireRole("owner"), validate("param", blockParam), async (c) => {
    await unblockTime(c.req.valid("param").blockId, c.var.auth.userId, clock.now());
    return c.body(null, 204);
  });
