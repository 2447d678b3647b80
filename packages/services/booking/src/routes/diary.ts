import { Hono } from "hono";
import * as z from "zod";
import { approveAppointment, completeAppointment, markNoShow } from "../domain/appointment-lifecycle";
import { ownerCalendar } from "../domain/calendar";
import { clock } from "@mas/core/shared/clock";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { actorOf, dateRange } from "../actor";

const transitions = { complete: completeAppointment, "no-show": markNoShow, approve: approveAppointment } as const;
const transitionParam = z.object({ id: z.string().min(1).max(64), action: z.enum(["complete", "no-show", "approve"]) });

/** The practitioner's diary: the calendar feed and what happens to an appointment after booking. */
export const diaryRoutes = new Hono<AuthEnv>()
  .get("/admin/calendar", requireRole("owner"), validate("query", dateRange), async (c) => {
    const { from, to } = c.req.valid("query");
    return c.json(await ownerCalendar(from, to), 200);
  })
  .post("/admin/appointments/:id/:action", requireRole("owner"), validate("param", transitionParam), async (c) => {
    const { id, action } = c.req.valid("param");
    return c.json({ appointment: await transitions[action](id, actorOf(c), clock.now()) }, 200);
  });
