import { Hono } from "hono";
import { clock } from "@mas/core/shared/clock";
import { acceptOffer } from "../domain/appointments";
import { entryOf, joinWaitlist, JoinWaitlist, leaveWaitlist, waitlistOf, waitlistView } from "../domain/waitlist";
import { requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { rateLimit, ROUTE_CLASSES } from "@mas/core/http/rate-limit";
import { validate } from "@mas/core/http/validate";
import { idempotencyHeader, idParam } from "../actor";

/** A client's waitlist entries: join, list, read one (the offer page), leave, and accept an offered slot. */
export const waitlistRoutes = new Hono<AuthEnv>()
  .post("/waitlist", requireAuth(), validate("json", JoinWaitlist), async (c) => {
    return c.json({ entry: waitlistView(await joinWaitlist(c.var.auth.userId, c.req.valid("json"), clock.now())) }, 201);
  })
  .get("/waitlist/mine", requireAuth(), async (c) => c.json({ entries: (await waitlistOf(c.var.auth.userId)).map(waitlistView) }, 200))
  // After /waitlist/mine, so "mine" is never read as an id.
  .get("/waitlist/:id", requireAuth(), validate("param", idParam), async (c) => c.json({ entry: waitlistView(await entryOf(c.req.valid("param").id, c.var.auth.userId)) }, 200))
  .delete("/waitlist/:id", requireAuth(), validate("param", idParam), async (c) => {
    await leaveWaitlist(c.req.valid("param").id, c.var.auth.userId, clock.now());
    return c.body(null, 204);
  })
  .post("/waitlist/:id/accept", requireAuth(), validate("param", idParam), validate("header", idempotencyHeader), rateLimit(ROUTE_CLASSES.booking), async (c) => {
    const appointment = await acceptOffer(c.req.valid("param").id, c.var.auth.userId, clock.now(), c.req.valid("header")["idempotency-key"]);
    return c.json({ appointment }, 201);
  });
