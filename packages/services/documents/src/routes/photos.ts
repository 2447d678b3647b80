import { Hono } from "hono";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { rateLimit, ROUTE_CLASSES } from "@mas/core/http/rate-limit";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { attachToTreatment, confirmPhotoUpload, DOWNLOAD_SECONDS, PhotoRequest, photosOf, photoDownloadUrl, photoView, requestPhotoUpload, requirePhoto } from "../domain/photos";

const fileParams = z.object({ fileId: z.uuid() });
const listQuery = z.strictObject({ clientId: z.string().min(1).max(120), treatmentId: z.string().min(1).max(120).optional() });
const attachBody = z.strictObject({ treatmentId: z.string().min(1).max(120) });

/** Clinical photos: the practitioner's only (clients and students get 403). Every read is audited. */
export const photoRoutes = new Hono<AuthEnv>()
  .post("/admin/photos", requireRole("owner"), validate("json", PhotoRequest), rateLimit(ROUTE_CLASSES.upload), async (c) => {
    const upload = await requestPhotoUpload(c.req.valid("json"), c.var.auth.userId, clock.now());
    return c.json(upload, 201);
  })
  .post("/admin/photos/:fileId/confirm", requireRole("owner"), validate("param", fileParams), async (c) => {
    const file = await confirmPhotoUpload(c.req.valid("param").fileId, clock.now());
    await auditFromContext(c, "documents.photo_uploaded", `file:${file.fileId}`, { clientId: file.userId });
    return c.json({ photo: photoView(file) }, 200);
  })
  .put("/admin/photos/:fileId/treatment", requireRole("owner"), validate("param", fileParams), validate("json", attachBody), async (c) => {
    const file = await attachToTreatment(c.req.valid("param").fileId, c.req.valid("json").treatmentId, clock.now());
    return c.json({ photo: photoView(file) }, 200);
  })
  .get("/admin/photos", requireRole("owner"), validate("query", listQuery), async (c) => {
    const { clientId, treatmentId } = c.req.valid("query");
    await auditFromContext(c, "documents.photos_listed", clientId);
    return c.json({ photos: (await photosOf(clientId, treatmentId)).map(photoView) }, 200);
  })
  .get("/admin/photos/:fileId/download", requireRole("owner"), validate("param", fileParams), async (c) => {
    const file = await requirePhoto(c.req.valid("param").fileId);
    if (file.status !== "ready") return c.json({ error: { code: "documents.file_not_ready", message: "This upload has not been checked" } }, 409);
    await auditFromContext(c, "documents.photo_read", `file:${file.fileId}`, { clientId: file.userId });
    return c.json({ url: await photoDownloadUrl(file), expiresInSeconds: DOWNLOAD_SECONDS }, 200);
  });
