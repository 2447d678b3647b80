import { Hono } from "hono";
import * as z from "zod";
import { approveAppointment, completeAppointment, markNoShow } from "../domain/appointment-lifecycle";
import { ownerCalendar } from "../domain/calendar";
import { clock } from "@mas/core/shared/clock";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { actorOf, dateRange } from "../actor";

const transitions = { "no-show": markNoShow, approve: approveAppointment } as const;
const transitionParam = z.object({ id: z.string().min(1).max(64), action: z.enum(["no-show", "approve"]) });
const appointmentParam = z.object({ id: z.string().min(1).max(64) });
/** Completing without signed consent needs the practitioner's reason (audited). */
const completion = z.object({ consentOverrideReason: z.string().trim().min(5, "Say why, in a few words").max(500).optional() });

/** The practitioner's diary: the calendar feed and what happens to an appointment after booking. */
export const diaryRoutes = new Hono<AuthEnv>()
  .get("/admin/calendar", requireRole("owner"), validate("query", dateRange), async (c) => {
    const { from, to } = c.req.valid("query");
    return c.json(await ownerCalendar(from, to), 200);
  })
  .post("/admin/appointments/:id/complete", requireRole("owner"), validate("param", appointmentParam), validate("json", completion), async (c) => {
    const appointment = await completeAppointment(c.req.valid("param").id, actorOf(c), clock.now(), c.req.valid("json"));
    return c.json({ appointment }, 200);
  })
  .post("/admin/appointments/:id/:action", requireRole("owner"), validate("param", transitionParam), async (c) => {
    const { id, action } = c.req.valid("param");
    return c.json({ appointment: await transitions[action](id, actorOf(c), clock.now()) }, 200);
  });
