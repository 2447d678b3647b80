import { Hono } from "hono";
import * as z from "zod";
import { clock } from "@mas/core/shared/clock";
import { requireAuth, requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { idParam } from "../actor";
import { publicReviewView, ReviewInput, reviewView } from "../domain/review-rules";
import { allReviews, leaveReview, publishedReviews, reviewOf, setPublished } from "../domain/reviews";

const publishParam = idParam.extend({ action: z.enum(["publish", "unpublish"]) });

/**
 * Reviews: a client reviews their own completed appointment (once); the owner lists them
 * all and publishes some; anyone reads the published ones (the home page).
 */
export const reviewRoutes = new Hono<AuthEnv>()
  .post("/appointments/:id/review", requireAuth(), validate("param", idParam), validate("json", ReviewInput), async (c) => {
    const review = await leaveReview({ appointmentId: c.req.valid("param").id, userId: c.var.auth.userId, review: c.req.valid("json"), now: clock.now() });
    return c.json({ review: reviewView(review) }, 201);
  })
  .get("/appointments/:id/review", requireAuth(), validate("param", idParam), async (c) => {
    return c.json({ review: reviewView(await reviewOf(c.req.valid("param").id, c.var.auth.userId)) }, 200);
  })
  .get("/reviews/published", async (c) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ reviews: (await publishedReviews()).map(publicReviewView) }, 200);
  })
  .get("/admin/reviews", requireRole("owner"), async (c) => c.json({ reviews: (await allReviews()).map(reviewView) }, 200))
  .post("/admin/reviews/:id/:action", requireRole("owner"), validate("param", publishParam), async (c) => {
    const { id, action } = c.req.valid("param");
    return c.json({ review: reviewView(await setPublished(id, action === "publish", clock.now())) }, 200);
  });
