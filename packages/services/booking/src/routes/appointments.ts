import { Hono } from "hono";
import * as z from "zod";
import { appointmentsOfClient } from "../domain/appointment-store";
import { appointmentView } from "../domain/appointment-view";
import { appointmentFor, bookAppointment, BookingRequest, cancelAppointment, cancellationQuote, rescheduleAppointment } from "../domain/appointments";
import { appointmentIcs } from "../domain/calendar";
import { clock } from "@mas/core/shared/clock";
import { requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { rateLimit, ROUTE_CLASSES } from "@mas/core/http/rate-limit";
import { validate } from "@mas/core/http/validate";
import { actorOf, idempotencyHeader, idParam } from "../actor";

const cancelBody = z.object({ reason: z.string().trim().max(500).optional() });
const cancelQuery = z.object({ preview: z.enum(["1", "true"]).optional() });
const rescheduleBody = z.object({ start: z.iso.datetime({ offset: true }) });

/** A client's own appointments (the practitioner may open and change any). */
export const appointmentRoutes = new Hono<AuthEnv>()
  .post("/appointments", requireAuth(), validate("header", idempotencyHeader), validate("json", BookingRequest), rateLimit(ROUTE_CLASSES.booking), async (c) => {
    const { appointment, replayed } = await bookAppointment({
      clientId: c.var.auth.userId,
      request: c.req.valid("json"),
      idempotencyKey: c.req.valid("header")["idempotency-key"],
      now: clock.now(),
    });
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json({ appointment }, 201);
  })
  .get("/appointments/mine", requireAuth(), async (c) => {
    const now = clock.now().toISOString();
    const mine = await appointmentsOfClient(c.var.auth.userId);
    const visible = mine.filter((a) => a.status !== "expired");
    return c.json(
      {
        upcoming: visible.filter((a) => a.start >= now).map(appointmentView),
        past: visible.filter((a) => a.start < now).reverse().map(appointmentView),
      },
      200,
    );
  })
  .get("/appointments/:id", requireAuth(), validate("param", idParam), async (c) => {
    return c.json({ appointment: appointmentView(await appointmentFor(c.req.valid("param").id, actorOf(c))) }, 200);
  })
  .get("/appointments/:id/cancellation", requireAuth(), validate("param", idParam), async (c) => {
    const actor = actorOf(c);
    const appointment = await appointmentFor(c.req.valid("param").id, actor);
    return c.json({ cancellation: await cancellationQuote(appointment, actor, clock.now()) }, 200);
  })
  .post("/appointments/:id/cancel", requireAuth(), validate("param", idParam), validate("query", cancelQuery), validate("json", cancelBody), async (c) => {
    const actor = actorOf(c);
    const now = clock.now();
    if (c.req.valid("query").preview) {
      const appointment = await appointmentFor(c.req.valid("param").id, actor);
      return c.json({ cancellation: await cancellationQuote(appointment, actor, now) }, 200);
    }
    const { appointment, outcome } = await cancelAppointment({ appointmentId: c.req.valid("param").id, actor, reason: c.req.valid("json").reason, now });
    return c.json({ appointment, cancellation: outcome }, 200);
  })
  .post("/appointments/:id/reschedule", requireAuth(), validate("param", idParam), validate("json", rescheduleBody), rateLimit(ROUTE_CLASSES.booking), async (c) => {
    const appointment = await rescheduleAppointment({ appointmentId: c.req.valid("param").id, actor: actorOf(c), start: c.req.valid("json").start, now: clock.now() });
    return c.json({ appointment }, 200);
  })
  .get("/appointments/:id/calendar.ics", requireAuth(), validate("param", idParam), async (c) => {
    const appointment = await appointmentFor(c.req.valid("param").id, actorOf(c));
    c.header("Content-Type", "text/calendar; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="appointment-${appointment.appointmentId}.ics"`);
    return c.body(await appointmentIcs(appointment, new Date(appointment.updatedAt)), 200);
  });
