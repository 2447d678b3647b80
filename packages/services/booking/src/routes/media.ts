import { Hono } from "hono";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { rateLimit, ROUTE_CLASSES } from "@mas/core/http/rate-limit";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { MediaName } from "../domain/media-key";
import { confirmMediaUpload, MediaRequest, mediaContent, requestMediaUpload } from "../domain/public-media";

const mediaParams = z.object({ mediaId: z.string().regex(/^[0-9A-Z]{26}$/, "Not a picture id") });
const nameParams = z.object({ name: MediaName });

/** A year: every upload gets a new name, so a cached picture never goes stale. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The clinic's public pictures: the owner uploads (presigned PUT, then a check), anyone
 * fetches a checked one. Clinical photos are documents' and never pass through here.
 */
export const mediaRoutes = new Hono<AuthEnv>()
  .get("/media/:name", validate("param", nameParams), async (c) => {
    const { body, contentType } = await mediaContent(c.req.valid("param").name);
    c.header("Content-Type", contentType);
    c.header("Cache-Control", IMMUTABLE);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Content-Security-Policy", "default-src 'none'");
    return c.body(body as Uint8Array<ArrayBuffer>, 200);
  })
  .post("/admin/media", requireRole("owner"), validate("json", MediaRequest), rateLimit(ROUTE_CLASSES.upload), async (c) => {
    return c.json(await requestMediaUpload(c.req.valid("json"), c.var.auth.userId, clock.now()), 201);
  })
  .post("/admin/media/:mediaId/confirm", requireRole("owner"), validate("param", mediaParams), async (c) => {
    const media = await confirmMediaUpload(c.req.valid("param").mediaId, clock.now());
    await auditFromContext(c, "booking.media_uploaded", `media:${media.mediaId}`, { purpose: media.purpose });
    return c.json({ media }, 200);
  });
